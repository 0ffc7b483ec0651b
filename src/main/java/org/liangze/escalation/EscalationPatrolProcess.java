package org.liangze.escalation;

/**
 * {@code processes/escalation-patrol.bpmn}: a timer that walks every due task up the ladder — a unit escalation
 * ({@link UnitEscalationProcess}) for each unit with work, then, once the last has finished, each person's digest.
 */
public final class EscalationPatrolProcess {

  public static final String KEY = "escalationPatrol";
  /** Correlated to the patrol by the last of its unit escalations to finish. */
  public static final String UNITS_DONE_MESSAGE = "escalationUnitsDone";

  private EscalationPatrolProcess() {
  }

  public enum Element {
    PatrolDue,
    PlanPatrol,
    AnyUnits,
    UnitsEscalated,
    DigestsDue,
    SendDigests,
    MoreDigests,
    PatrolDone
  }

  public static final class Variables {

    /** Set by the plan: how many unit escalations the patrol started. */
    public static final String UNIT_COUNT = "unitCount";
    /** Set by each page of digests: whether people are left. */
    public static final String DIGESTS_PENDING = "digestsPending";

    private Variables() {
    }
  }
}
