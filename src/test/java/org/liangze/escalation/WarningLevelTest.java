package org.liangze.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WarningLevelTest {

  static final Instant NOW = Instant.parse("2026-03-10T08:00:00Z");
  static final EscalationProperties LADDER =
      new EscalationProperties(Duration.ofDays(2), Duration.ofDays(5), Duration.ofDays(15));

  @Test
  void theColourFollowsTheLadder() {
    assertThat(level(Duration.ofDays(-3))).as("due in three days").isNull();
    assertThat(level(Duration.ofDays(-2))).as("due at the end of the reminder period").isEqualTo(WarningLevel.BLUE);
    assertThat(level(Duration.ofHours(-1))).isEqualTo(WarningLevel.BLUE);
    assertThat(level(Duration.ZERO)).as("due now is overdue").isEqualTo(WarningLevel.YELLOW);
    assertThat(level(Duration.ofDays(5).minusMinutes(1))).isEqualTo(WarningLevel.YELLOW);
    assertThat(level(Duration.ofDays(5))).as("red from the moment the ladder requests a summons")
        .isEqualTo(WarningLevel.RED);
    assertThat(WarningLevel.of(null, NOW, LADDER)).isNull();
  }

  @Test
  void levelsCompareBySeverity() {
    assertThat(WarningLevel.max(WarningLevel.RED, WarningLevel.YELLOW)).isEqualTo(WarningLevel.RED);
    assertThat(WarningLevel.max(null, WarningLevel.BLUE)).isEqualTo(WarningLevel.BLUE);
    assertThat(WarningLevel.max(WarningLevel.YELLOW, null)).isEqualTo(WarningLevel.YELLOW);
    assertThat(WarningLevel.BLUE.isOverdue()).isFalse();
    assertThat(WarningLevel.RED.label()).isEqualTo("红色约谈");
  }

  @Test
  void aTaskBelongsToTheUnitThatMustActOnIt() {
    assertThat(OverdueWork.unitOf("unitD01secretary", null, "T01")).isEqualTo("D01");
    assertThat(OverdueWork.unitOf(null, "districtcommittee", "D01")).as("the committee's own work")
        .isEqualTo("districtcommittee");
    assertThat(OverdueWork.unitOf(null, null, "T01V01")).isEqualTo("T01V01");
    assertThat(OverdueWork.unitOf(null, null, null)).isEqualTo(OverdueWork.UNASSIGNED);
  }

  @Test
  void negativeThresholdsAreRefused() {
    assertThatThrownBy(() -> new EscalationProperties(Duration.ofDays(-1), Duration.ofDays(5), Duration.ofDays(15)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static WarningLevel level(Duration overdueBy) {
    return WarningLevel.of(NOW.minus(overdueBy), NOW, LADDER);
  }
}
