package org.liangze.accountability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real names come back from the stored alias mapping, alias by alias, the longest first. */
class PublicNoticesTest {

  @Test
  void aliasesThatShareAPrefixAreRestoredToTheirOwnNames() {
    Map<String, String> aliases = Map.of("张某甲", "张伟", "张某乙", "张强", "张某某", "张三丰", "张某", "张一");
    assertThat(PublicNotices.restore("张某甲、张某乙、张某某和张某分别受到诫勉。", aliases))
        .isEqualTo("张伟、张强、张三丰和张一分别受到诫勉。");
    assertThat(PublicNotices.redact("张三丰")).isEqualTo("张某某");
    assertThat(PublicNotices.redact("张伟")).isEqualTo("张某");
  }
}
