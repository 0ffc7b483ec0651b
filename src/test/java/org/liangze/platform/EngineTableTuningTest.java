package org.liangze.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which collations the platform takes for byte-wise comparison, and so does not warn of at start-up. */
class EngineTableTuningTest {

  @Test
  void onlyCAndPosixCompareBytes() {
    assertThat(EngineTableTuning.comparesBytes("C")).isTrue();
    assertThat(EngineTableTuning.comparesBytes("POSIX")).isTrue();
    // what PostgreSQL 15 still compares through the C library
    assertThat(EngineTableTuning.comparesBytes("C.UTF-8")).isFalse();
    assertThat(EngineTableTuning.comparesBytes("en_US.utf8")).isFalse();
    assertThat(EngineTableTuning.comparesBytes("zh_CN.UTF-8")).isFalse();
  }
}
