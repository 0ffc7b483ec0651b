package org.liangze.escalation;

import java.time.Duration;
import java.time.Instant;

/**
 * The warning colour of a task with a due date (DESIGN §3): blue within the reminder period before it is due,
 * yellow once overdue, red when overdue for longer than the summons threshold.
 */
public enum WarningLevel {

  BLUE("蓝色提醒", "即将到期"),
  YELLOW("黄色督办", "已逾期"),
  RED("红色约谈", "严重逾期");

  private final String label;
  private final String meaning;

  WarningLevel(String label, String meaning) {
    this.label = label;
    this.meaning = meaning;
  }

  public String label() {
    return label;
  }

  public String meaning() {
    return meaning;
  }

  public boolean isOverdue() {
    return this != BLUE;
  }

  /** The colour of a task due at {@code due} seen at {@code now}, or {@code null} when it needs none yet. */
  public static WarningLevel of(Instant due, Instant now, EscalationPolicy.Ladder thresholds) {
    if (due == null) {
      return null;
    }
    if (now.isBefore(due)) {
      return Duration.between(now, due).compareTo(thresholds.remindBefore()) <= 0 ? BLUE : null;
    }
    return Duration.between(due, now).compareTo(thresholds.summonsAfter()) >= 0 ? RED : YELLOW;
  }

  /** The more severe of two levels; {@code null} counts as none. */
  public static WarningLevel max(WarningLevel a, WarningLevel b) {
    if (a == null) {
      return b;
    }
    return b == null || a.compareTo(b) >= 0 ? a : b;
  }
}
