package org.liangze.escalation;

/** Variables the ladder sets, and the one a late completer fills in. */
public final class EscalationVariables {

  /** Process instance: true once any of its tasks ran overdue — searchable in Cockpit (set by OverdueMarks). */
  public static final String OVERDUE = OverdueMarks.OVERDUE;
  /** Process instance: YELLOW or RED, the worst warning colour it reached (set by OverdueMarks). */
  public static final String WARNING_LEVEL = OverdueMarks.WARNING_LEVEL;
  /** The overdue task's own execution: true while the task is overdue; forms show the late-reason field then. */
  public static final String TASK_OVERDUE = "taskOverdue";
  /** Why an overdue task is completed late; required then, and recorded in the record manual. */
  public static final String LATE_REASON = "lateReason";

  private EscalationVariables() {
  }
}
