package org.liangze.escalation;

/** {@code processes/escalation-patrol.bpmn}: a timer that walks every due task up the ladder. */
public final class EscalationPatrolProcess {

  public static final String KEY = "escalationPatrol";

  private EscalationPatrolProcess() {
  }

  public enum Element {
    PatrolDue,
    PatrolTasks,
    PatrolDone
  }
}
