package org.liangze.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.liangze.organisation.UnitType;

/**
 * {@code processes/escalation-policy.dmn}, the real table, table-driven: each unit type (by its Chinese label, as
 * {@link EscalationPolicy} asks) and the district bodies get their days to remind, 督办, 约谈 and 问责; every rule
 * fires for some row, and every row's ladder is in order (督办 ≤ 约谈 ≤ 问责).
 */
class EscalationPolicyDecisionTest {

  static final Path TABLE = Path.of("processes/escalation-policy.dmn");
  static DmnEngine engine;
  static DmnDecision decision;
  static DmnDecision reminders;
  static final Set<String> fired = new TreeSet<>();
  static int rules;

  @BeforeAll
  static void parse() throws IOException {
    DmnDecisionTableEvaluationListener listener = (DmnDecisionTableEvaluationEvent event) ->
        event.getMatchingRules().stream().map(DmnEvaluatedDecisionRule::getId).forEach(fired::add);
    DefaultDmnEngineConfiguration configuration =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    configuration.customPostDecisionTableEvaluationListeners(List.of(listener));
    engine = configuration.buildEngine();
    try (InputStream in = Files.newInputStream(TABLE)) {
      decision = engine.parseDecision(EscalationPolicy.DECISION_KEY, in);
    }
    try (InputStream in = Files.newInputStream(TABLE)) {
      reminders = engine.parseDecision(EscalationPolicy.REMINDER_DECISION_KEY, in);
    }
    rules = (int) Files.readString(TABLE).lines().filter(line -> line.contains("<rule id=")).count();
  }

  @ParameterizedTest(name = "{0} → remind {1}, 督办 {2}, 约谈 {3}, 问责 {4}")
  @CsvSource(delimiter = '|', textBlock = """
      # unit type | remind before | supervise after | summons after | accountability after
      村居         | 2 | 0 | 5 | 15
      科室站所      | 2 | 0 | 5 | 15
      街镇         | 2 | 0 | 5 | 15
      区直部门      | 2 | 0 | 5 | 15
      区属部门      | 2 | 0 | 5 | 15
      区级机关      | 2 | 0 | 5 | 15
      未知类型      | 2 | 0 | 5 | 15
      """)
  void eachUnitTypeHasItsLadder(String unitType, int remind, int supervise, int summons, int accountability) {
    DmnDecisionRuleResult row = evaluate(unitType);
    assertThat(row).containsEntry(EscalationPolicy.REMIND_DAYS_BEFORE, remind)
        .containsEntry(EscalationPolicy.SUPERVISE_DAYS_AFTER, supervise)
        .containsEntry(EscalationPolicy.SUMMONS_DAYS_AFTER, summons)
        .containsEntry(EscalationPolicy.ACCOUNTABILITY_DAYS_AFTER, accountability);
  }

  @ParameterizedTest(name = "{0} → reminded {1} days before the due date")
  @CsvSource(delimiter = '|', textBlock = """
      # unit type | days before the due date, each a reminder (COLLECT: every matching row)
      村居         | 5,1
      科室站所      | 5,1
      街镇         | 5,1
      区直部门      | 5,1
      区属部门      | 5,1
      区级机关      | 5,1
      未知类型      | 5,1
      """)
  void eachUnitTypeIsRemindedAtItsDaysBeforeTheDueDate(String unitType, String days) {
    var results = engine.evaluateDecisionTable(reminders, Map.of(EscalationPolicy.UNIT_TYPE, unitType));
    List<Integer> reminded = results.collectEntries(EscalationPolicy.REMINDER_DAYS_BEFORE);
    assertThat(reminded).containsExactlyElementsOf(Arrays.stream(days.split(",")).map(Integer::valueOf).toList());
  }

  @Test
  void aTaskIsRemindedAtTheShortestReminderReachedBeforeItIsDue() {
    EscalationPolicy.Ladder ladder = EscalationPolicy.Ladder.ofDays(2, 0, 5, 15, List.of(1, 5, 1));
    assertThat(ladder.reminders()).as("distinct, the earliest first")
        .containsExactly(java.time.Duration.ofDays(5), java.time.Duration.ofDays(1));
    java.time.Instant due = java.time.Instant.parse("2026-03-10T02:00:00Z");
    java.time.Duration day = java.time.Duration.ofDays(1);
    assertThat(ladder.reminderAt(due, due.minus(day.multipliedBy(5)).minusSeconds(1))).isNull();
    assertThat(ladder.reminderAt(due, due.minus(day.multipliedBy(5)))).isEqualTo(day.multipliedBy(5));
    assertThat(ladder.reminderAt(due, due.minus(day).minusSeconds(1))).isEqualTo(day.multipliedBy(5));
    assertThat(ladder.reminderAt(due, due.minus(day))).isEqualTo(day);
    assertThat(ladder.reminderAt(due, due)).as("due: supervised, not reminded").isNull();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> EscalationPolicy.Ladder.ofDays(2, 0, 5, 15, List.of(0)))
        .hasMessage("到期提醒的天数须为正整数");
  }

  @Test
  void everyTypeTheDistrictHasIsInTheTableAndEveryLadderIsInOrder() {
    for (String type : Arrays.stream(UnitType.values()).map(UnitType::label).toList()) {
      DmnDecisionRuleResult row = evaluate(type);
      // the Ladder refuses a disordered or negative row, as EscalationPolicy builds it
      EscalationPolicy.Ladder ladder = EscalationPolicy.Ladder.ofDays(
          (Integer) row.get(EscalationPolicy.REMIND_DAYS_BEFORE), (Integer) row.get(EscalationPolicy.SUPERVISE_DAYS_AFTER),
          (Integer) row.get(EscalationPolicy.SUMMONS_DAYS_AFTER),
          (Integer) row.get(EscalationPolicy.ACCOUNTABILITY_DAYS_AFTER));
      assertThat(ladder.accountabilityAfter()).as(type).isPositive();
    }
  }

  @Test
  void theLevelOfATaskFollowsItsLadder() {
    EscalationPolicy.Ladder ladder = EscalationPolicy.Ladder.ofDays(2, 1, 5, 15);
    java.time.Instant due = java.time.Instant.parse("2026-03-10T00:00:00Z");
    java.time.Duration day = java.time.Duration.ofDays(1);
    assertThat(Escalations.levelAt(due, due.minus(day.multipliedBy(3)), ladder)).isEqualTo(EscalationLevel.NONE);
    assertThat(Escalations.levelAt(due, due.minus(day.multipliedBy(2)), ladder))
        .isEqualTo(EscalationLevel.REMINDED);
    assertThat(Escalations.levelAt(due, due, ladder)).as("督办 one day after the due date")
        .isEqualTo(EscalationLevel.REMINDED);
    assertThat(Escalations.levelAt(due, due.plus(day), ladder)).isEqualTo(EscalationLevel.OVERDUE);
    assertThat(Escalations.levelAt(due, due.plus(day.multipliedBy(5)), ladder)).isEqualTo(EscalationLevel.SUMMONED);
    assertThat(Escalations.levelAt(due, due.plus(day.multipliedBy(15)), ladder))
        .isEqualTo(EscalationLevel.ESCALATED);
  }

  @AfterAll
  static void everyRuleFired() {
    assertThat(fired).hasSize(rules);
  }

  private static DmnDecisionRuleResult evaluate(String unitType) {
    var results = engine.evaluateDecisionTable(decision, Map.of(EscalationPolicy.UNIT_TYPE, unitType));
    assertThat(results.size()).as("FIRST: one row for " + unitType).isEqualTo(1);
    return results.getFirstResult();
  }
}
