package org.liangze.escalation;

/**
 * {@code processes/unit-escalation.bpmn}: one unit's part of a patrol, a process instance of its own — its tasks
 * climbed a page per job, then its summons and cases started, then the patrol told it is done. A unit that fails is
 * an incident of its own instance, visible in Cockpit with the unit; the other units go on.
 */
public final class UnitEscalationProcess {

  public static final String KEY = "unitEscalation";

  private UnitEscalationProcess() {
  }

  public enum Element {
    UnitEscalationStarted,
    PageDue,
    EscalateUnitTasks,
    MoreUnitTasks,
    StartUnitRequests,
    ReportUnitEscalated,
    UnitEscalationDone
  }

  public static final class Variables {

    /** The unit (or district body, for its own tasks) whose tasks this instance climbs. */
    public static final String UNIT_CODE = "unitCode";
    /** The patrol (its process instance id) this is part of. */
    public static final String PATROL_RUN = "patrolRun";

    private Variables() {
    }
  }
}
