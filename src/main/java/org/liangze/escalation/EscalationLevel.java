package org.liangze.escalation;

/** The rungs of the ladder, in order. */
public enum EscalationLevel {
  NONE,
  /** 提醒 (blue): due soon. */
  REMINDED,
  /** 逾期督办 (yellow): past due; the unit's secretary gets a supervision notice. */
  OVERDUE,
  /** 约谈 (red): long past due; a problem summons is requested. */
  SUMMONED,
  /** 问责: an accountability case is requested, at most one per unit and cause. */
  ESCALATED
}
