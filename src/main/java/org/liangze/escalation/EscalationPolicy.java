package org.liangze.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;

import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitType;
import org.liangze.organisation.UnitRepository;
import org.springframework.stereotype.Service;

/**
 * The ladder's thresholds per unit type, from the decision table {@code processes/escalation-policy.dmn}
 * ({@value #DECISION_KEY}) that a process designer changes and deploys without Java. The table is evaluated once per
 * unit type (and once for the district bodies' own tasks) for each deployed version and kept: a patrol asks which
 * version is the latest (one indexed query) and evaluates again only when a designer deployed a new one.
 */
@Service
public class EscalationPolicy {

  public static final String DECISION_KEY = "escalationPolicy";
  /** The decision's input: a unit type's Chinese label ({@link UnitType#label()}), or {@link #DISTRICT_BODIES}. */
  public static final String UNIT_TYPE = "unitType";
  /** The input for the district bodies' own tasks: matches no type's row, so the table's last (any) row. */
  public static final String DISTRICT_BODIES = "区级机关";
  public static final String REMIND_DAYS_BEFORE = "remindDaysBefore";
  public static final String SUPERVISE_DAYS_AFTER = "superviseDaysAfter";
  public static final String SUMMONS_DAYS_AFTER = "summonsDaysAfter";
  public static final String ACCOUNTABILITY_DAYS_AFTER = "accountabilityDaysAfter";
  /**
   * The second decision of the same file, 到期提醒时点 (hit policy COLLECT): every matching row is a moment before a
   * task's due date when its people are reminded, {@value #REMINDER_DAYS_BEFORE} days before.
   */
  public static final String REMINDER_DECISION_KEY = "reminderPolicy";
  public static final String REMINDER_DAYS_BEFORE = "reminderDaysBefore";

  /**
   * The rungs of one unit type's ladder, each measured from a task's due date.
   *
   * @param remindBefore how long before its due date a task turns blue (due soon)
   * @param superviseAfter how long after its due date the supervision notice (督办) goes out (0: at the due date)
   * @param summonsAfter how long after its due date a task turns red (problem summons, 约谈)
   * @param accountabilityAfter how long after its due date an accountability case is requested (问责)
   * @param reminders how long before its due date a task's people are reminded, each once: the rows of
   *     {@value #REMINDER_DECISION_KEY}, distinct, the earliest (longest) first
   */
  public record Ladder(Duration remindBefore, Duration superviseAfter, Duration summonsAfter,
      Duration accountabilityAfter, List<Duration> reminders) {

    public Ladder {
      if (remindBefore.isNegative() || superviseAfter.isNegative()) {
        throw new IllegalArgumentException("督责阈值的天数不能为负数");
      }
      if (superviseAfter.compareTo(summonsAfter) > 0 || summonsAfter.compareTo(accountabilityAfter) > 0) {
        throw new IllegalArgumentException("督责阈值须满足：督办天数 ≤ 约谈天数 ≤ 问责天数");
      }
      if (reminders.stream().anyMatch(reminder -> reminder.isZero() || reminder.isNegative())) {
        throw new IllegalArgumentException("到期提醒的天数须为正整数");
      }
      reminders = reminders.stream().distinct().sorted(Comparator.reverseOrder()).toList();
    }

    /** A ladder reminding once, when the task turns blue. */
    public static Ladder ofDays(int remindBefore, int superviseAfter, int summonsAfter, int accountabilityAfter) {
      return ofDays(remindBefore, superviseAfter, summonsAfter, accountabilityAfter,
          remindBefore > 0 ? List.of(remindBefore) : List.of());
    }

    public static Ladder ofDays(int remindBefore, int superviseAfter, int summonsAfter, int accountabilityAfter,
        List<Integer> remindersDaysBefore) {
      return new Ladder(Duration.ofDays(remindBefore), Duration.ofDays(superviseAfter),
          Duration.ofDays(summonsAfter), Duration.ofDays(accountabilityAfter),
          remindersDaysBefore.stream().map(Duration::ofDays).toList());
    }

    /**
     * The reminder a task due then is at, now: the shortest time before the due date that has been reached, or
     * null when none has (or the task is due already: an overdue task is supervised, not reminded).
     */
    public Duration reminderAt(Instant due, Instant now) {
      if (!now.isBefore(due)) {
        return null;
      }
      Duration reached = null;
      for (Duration reminder : reminders) {
        if (!now.isBefore(due.minus(reminder))) {
          reached = reminder;
        }
      }
      return reached;
    }
  }

  /** The ladder of every unit type, and of the district bodies' own tasks, of one version of the table. */
  public record Ladders(Map<UnitType, Ladder> byType, Ladder districtBodies) {

    /** A unit type's ladder; {@code null} (a district body's own task, or an unknown unit) the district's. */
    public Ladder of(UnitType type) {
      return type == null ? districtBodies : byType.getOrDefault(type, districtBodies);
    }
  }

  private record Evaluated(String definitionId, Ladders ladders) {
  }

  private final RepositoryService repository;
  private final DecisionService decisions;
  private final UnitRepository units;
  private final IdentityService identity;
  private volatile Evaluated evaluated;

  EscalationPolicy(RepositoryService repository, DecisionService decisions, UnitRepository units,
      IdentityService identity) {
    this.identity = identity;
    this.repository = repository;
    this.decisions = decisions;
    this.units = units;
  }

  /** Every type's ladder, from the latest deployed version of the table. */
  public Ladders ladders() {
    // the thresholds are the platform's, whoever asks: read and evaluated without the caller's authorizations
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return latestLadders();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

  private Ladders latestLadders() {
    DecisionDefinition latest = repository.createDecisionDefinitionQuery().decisionDefinitionKey(DECISION_KEY)
        .latestVersion().singleResult();
    if (latest == null) {
      throw new IllegalStateException("The escalation policy " + DECISION_KEY + " is not deployed");
    }
    Evaluated known = evaluated;
    if (known != null && known.definitionId().equals(latest.getId())) {
      return known.ladders();
    }
    String reminderDecision = reminderDecisionOf(latest);
    Map<UnitType, Ladder> byType = new EnumMap<>(UnitType.class);
    for (UnitType type : UnitType.values()) {
      byType.put(type, evaluate(latest.getId(), reminderDecision, type.label()));
    }
    Ladders ladders = new Ladders(Map.copyOf(byType), evaluate(latest.getId(), reminderDecision, DISTRICT_BODIES));
    evaluated = new Evaluated(latest.getId(), ladders);
    return ladders;
  }

  /** The ladder of the district bodies' own tasks: the district-wide standard the guidebook and filters state. */
  public Ladder standard() {
    return ladders().districtBodies();
  }

  /** The ladder of this unit (by its type); a district body's, or an unknown code's, is {@link #standard()}. */
  public Ladder ladderOf(String unitCode) {
    Optional<Unit> unit = unitCode == null ? Optional.empty() : units.findByCode(unitCode);
    return ladders().of(unit.map(Unit::type).orElse(null));
  }

  /**
   * The reminder table deployed with this version of the ladder (a designer deploys the file with both), else the
   * latest deployed one; null when there is none (then a task is reminded once, when it turns blue).
   */
  private String reminderDecisionOf(DecisionDefinition ladder) {
    DecisionDefinition reminders = repository.createDecisionDefinitionQuery()
        .decisionDefinitionKey(REMINDER_DECISION_KEY).deploymentId(ladder.getDeploymentId()).singleResult();
    if (reminders == null) {
      reminders = repository.createDecisionDefinitionQuery().decisionDefinitionKey(REMINDER_DECISION_KEY)
          .latestVersion().singleResult();
    }
    return reminders == null ? null : reminders.getId();
  }

  private Ladder evaluate(String definitionId, String reminderDecision, String unitType) {
    DmnDecisionRuleResult row = decisions.evaluateDecisionTableById(definitionId,
        Variables.createVariables().putValue(UNIT_TYPE, unitType)).getFirstResult();
    if (row == null) {
      throw new IllegalStateException("The escalation policy has no rule for " + unitType);
    }
    int remindBefore = days(row, REMIND_DAYS_BEFORE, unitType);
    List<Integer> reminders = new ArrayList<>();
    if (reminderDecision == null) {
      reminders.add(remindBefore);
    } else {
      for (DmnDecisionRuleResult reminder : decisions.evaluateDecisionTableById(reminderDecision,
          Variables.createVariables().putValue(UNIT_TYPE, unitType))) {
        reminders.add(days(reminder, REMINDER_DAYS_BEFORE, unitType));
      }
    }
    return Ladder.ofDays(remindBefore, days(row, SUPERVISE_DAYS_AFTER, unitType),
        days(row, SUMMONS_DAYS_AFTER, unitType), days(row, ACCOUNTABILITY_DAYS_AFTER, unitType), reminders);
  }

  private static int days(DmnDecisionRuleResult row, String output, String unitType) {
    Object value = row.get(output);
    if (!(value instanceof Number number)) {
      throw new IllegalStateException("The escalation policy gives no " + output + " for " + unitType);
    }
    return number.intValue();
  }
}
