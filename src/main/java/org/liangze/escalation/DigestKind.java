package org.liangze.escalation;

import org.liangze.notification.NotificationKind;

/** What a line of a patrol's digest says, from the least to the most severe; a digest is titled by its worst. */
enum DigestKind {
  REMINDER(NotificationKind.REMINDER, "提醒", "项任务即将到期"),
  SUPERVISION_NOTICE(NotificationKind.SUPERVISION_NOTICE, "督办", "项任务已逾期"),
  SUMMONS(NotificationKind.SUMMONS_REQUESTED, "约谈", "项任务逾期较久，建议约谈"),
  ACCOUNTABILITY(NotificationKind.ACCOUNTABILITY_REQUESTED, "问责", "项任务逾期仍未办结，建议问责");

  private final NotificationKind notification;
  private final String label;
  private final String countText;

  DigestKind(NotificationKind notification, String label, String countText) {
    this.notification = notification;
    this.label = label;
    this.countText = countText;
  }

  NotificationKind notification() {
    return notification;
  }

  /** 提醒, 督办, 约谈, 问责: the subject's bracketed prefix. */
  String label() {
    return label;
  }

  /** "N" + this, e.g. "3项任务已逾期". */
  String count(int n) {
    return n + countText;
  }
}
