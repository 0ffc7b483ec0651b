package org.liangze.escalation;

/**
 * {@code processes/escalation-patrol.bpmn}: a timer that walks every due task up the ladder — the units with work
 * (a multi-instance sub-process, a job per unit and page of tasks, each its own transaction; a unit that fails is
 * that unit's incident), then each person's digest.
 */
public final class EscalationPatrolProcess {

  public static final String KEY = "escalationPatrol";

  private EscalationPatrolProcess() {
  }

  public enum Element {
    PatrolDue,
    UnitEscalations,
    UnitEscalationStarted,
    EscalateUnitTasks,
    MoreUnitTasks,
    StartUnitRequests,
    UnitEscalationDone,
    SendDigests,
    MoreDigests,
    PatrolDone
  }

  public static final class Variables {

    /** Each sub-process instance's unit (or district body), the multi-instance element variable. */
    public static final String UNIT_CODE = "unitCode";
    /** Set by each page of digests: whether people are left. */
    public static final String DIGESTS_PENDING = "digestsPending";

    private Variables() {
    }
  }
}
