package org.liangze.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

class WarningLevelTest {

  static final Instant NOW = Instant.parse("2026-03-10T08:00:00Z");
  static final EscalationPolicy.Ladder LADDER = EscalationPolicy.Ladder.ofDays(2, 0, 5, 15);

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
    assertThat(unitOf("unitD01secretary", null, "T01")).isEqualTo("D01");
    assertThat(unitOf("unitT01V01staff", "disciplinecommission", null)).isEqualTo("T01V01");
    assertThat(unitOf("unitA01inspector", null, null)).isEqualTo("A01");
    assertThat(unitOf(null, "districtcommittee", "D01")).as("the committee's own work")
        .isEqualTo("districtcommittee");
    assertThat(unitOf(null, null, "T01V01")).isEqualTo("T01V01");
    assertThat(unitOf(null, null, null)).isEqualTo(OverdueWork.UNASSIGNED);
  }

  /** The SQL rule of OverdueWork, evaluated by H2 (PostgreSQL runs it in OverdueWorkIntegrationTest). */
  private static String unitOf(String unitGroup, String districtGroup, String unitCode) {
    JdbcClient h2 = JdbcClient.create(new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:unitof"));
    return h2.sql("select " + OverdueWork.UNIT_OF.formatted("unit_code") + " from (select cast(? as varchar) as "
            + "unit_group, cast(? as varchar) as district_group, cast(? as varchar) as unit_code) r")
        .params(unitGroup, districtGroup, unitCode).query(String.class).single();
  }

  @Test
  void negativeOrDisorderedThresholdsAreRefused() {
    assertThatThrownBy(() -> EscalationPolicy.Ladder.ofDays(-1, 0, 5, 15))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EscalationPolicy.Ladder.ofDays(2, 6, 5, 15))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("督办天数 ≤ 约谈天数 ≤ 问责天数");
    assertThatThrownBy(() -> EscalationPolicy.Ladder.ofDays(2, 0, 16, 15))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EscalationProperties(0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static WarningLevel level(Duration overdueBy) {
    return WarningLevel.of(NOW.minus(overdueBy), NOW, LADDER);
  }
}
