package org.liangze.notification;

/** Why someone is told something. */
public enum NotificationKind {
  /** 提醒: a task falls due soon. */
  REMINDER,
  /** 督办: a task is overdue; goes to the unit's secretary. */
  SUPERVISION_NOTICE,
  /** 约谈: a problem summons was requested; goes to the discipline commission. */
  SUMMONS_REQUESTED,
  /** 问责: an accountability case was requested; goes to the discipline commission. */
  ACCOUNTABILITY_REQUESTED,
  /** 问责决定: the measures of an accountability case; goes to the unit's secretary and inspector. */
  ACCOUNTABILITY_DECIDED,
  /** 影响期届满: a measure's period of consequences ended; goes to the discipline commission. */
  CONSEQUENCE_PERIOD_ENDED,
  /** 谈话通知: a talk was scheduled; goes to the unit's secretary and the person talked to. */
  TALK_SCHEDULED
}
