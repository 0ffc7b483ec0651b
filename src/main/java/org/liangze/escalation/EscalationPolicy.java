package org.liangze.escalation;

import java.time.Duration;
import java.util.EnumMap;
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
   * The rungs of one unit type's ladder, each measured from a task's due date.
   *
   * @param remindBefore how long before its due date a task turns blue (reminder)
   * @param superviseAfter how long after its due date the supervision notice (督办) goes out (0: at the due date)
   * @param summonsAfter how long after its due date a task turns red (problem summons, 约谈)
   * @param accountabilityAfter how long after its due date an accountability case is requested (问责)
   */
  public record Ladder(Duration remindBefore, Duration superviseAfter, Duration summonsAfter,
      Duration accountabilityAfter) {

    public Ladder {
      if (remindBefore.isNegative() || superviseAfter.isNegative()) {
        throw new IllegalArgumentException("督责阈值的天数不能为负数");
      }
      if (superviseAfter.compareTo(summonsAfter) > 0 || summonsAfter.compareTo(accountabilityAfter) > 0) {
        throw new IllegalArgumentException("督责阈值须满足：督办天数 ≤ 约谈天数 ≤ 问责天数");
      }
    }

    public static Ladder ofDays(int remindBefore, int superviseAfter, int summonsAfter, int accountabilityAfter) {
      return new Ladder(Duration.ofDays(remindBefore), Duration.ofDays(superviseAfter),
          Duration.ofDays(summonsAfter), Duration.ofDays(accountabilityAfter));
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
    Map<UnitType, Ladder> byType = new EnumMap<>(UnitType.class);
    for (UnitType type : UnitType.values()) {
      byType.put(type, evaluate(latest.getId(), type.label()));
    }
    Ladders ladders = new Ladders(Map.copyOf(byType), evaluate(latest.getId(), DISTRICT_BODIES));
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

  private Ladder evaluate(String definitionId, String unitType) {
    DmnDecisionRuleResult row = decisions.evaluateDecisionTableById(definitionId,
        Variables.createVariables().putValue(UNIT_TYPE, unitType)).getFirstResult();
    if (row == null) {
      throw new IllegalStateException("The escalation policy has no rule for " + unitType);
    }
    return Ladder.ofDays(days(row, REMIND_DAYS_BEFORE, unitType), days(row, SUPERVISE_DAYS_AFTER, unitType),
        days(row, SUMMONS_DAYS_AFTER, unitType), days(row, ACCOUNTABILITY_DAYS_AFTER, unitType));
  }

  private static int days(DmnDecisionRuleResult row, String output, String unitType) {
    Object value = row.get(output);
    if (!(value instanceof Number number)) {
      throw new IllegalStateException("The escalation policy gives no " + output + " for " + unitType);
    }
    return number.intValue();
  }
}
