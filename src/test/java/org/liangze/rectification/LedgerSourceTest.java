package org.liangze.rectification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.liangze.accountability.AccountabilityProcess;
import org.liangze.selfcheck.UnitSelfCheckProcess;

/** The ledger names the source of a called rectification by the caller's key: the keys the callers really have. */
class LedgerSourceTest {

  @Test
  void theCallersKeysMapToTheirSources() {
    assertThat(LedgerSource.ofCallingProcess(UnitSelfCheckProcess.KEY)).isEqualTo(LedgerSource.SELF_CHECK);
    assertThat(LedgerSource.ofCallingProcess(AccountabilityProcess.KEY)).isEqualTo(LedgerSource.ACCOUNTABILITY);
    assertThat(LedgerSource.ofCallingProcess("talk")).isEqualTo(LedgerSource.OTHER);
    assertThat(LedgerSource.ofCallingProcess(null)).isEqualTo(LedgerSource.OTHER);
  }
}
