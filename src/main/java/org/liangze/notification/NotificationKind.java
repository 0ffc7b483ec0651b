package org.liangze.notification;

/** Why someone is told something; {@link #label()} is how people read it. */
public enum NotificationKind {
  /** 新任务: a task was created for the person, or for a group of theirs (their unit has a new task). */
  TASK_CREATED("新任务通知"),
  /** 提醒: a task falls due soon. */
  REMINDER("到期提醒"),
  /** 督办: a task is overdue; goes to the unit's secretary. */
  SUPERVISION_NOTICE("督办通知"),
  /** 约谈: a problem summons was requested; goes to the discipline commission. */
  SUMMONS_REQUESTED("约谈请求"),
  /** 问责: an accountability case was requested; goes to the discipline commission. */
  ACCOUNTABILITY_REQUESTED("问责请求"),
  /** 问责决定: the measures of an accountability case; goes to the unit's secretary and inspector. */
  ACCOUNTABILITY_DECIDED("问责决定"),
  /** 影响期届满: a measure's period of consequences ended; goes to the discipline commission. */
  CONSEQUENCE_PERIOD_ENDED("影响期届满"),
  /** 谈话通知: a talk was scheduled; goes to the unit's secretary and the person talked to. */
  TALK_SCHEDULED("谈话通知");

  private final String label;

  NotificationKind(String label) {
    this.label = label;
  }

  /** 督办通知, 谈话通知, ...: the kind as the notification centre shows it. */
  public String label() {
    return label;
  }
}
