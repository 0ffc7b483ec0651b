package org.liangze.record;

/**
 * What a record entry records. Completed tasks are written by the platform; scanned signed letters by the letter
 * feature when a unit uploads one; the rest by a unit's people on the record manual's form.
 */
public enum EntryKind {
  TASK_COMPLETED("完成任务"),
  MEETING("会议"),
  STUDY("学习"),
  TALK("谈话"),
  INSPECTION("检查"),
  OTHER("其他"),
  /** The scanned signed responsibility letter (纸质签字件), uploaded back on the letter's page. */
  LETTER_SCAN("责任书签字件");

  private final String label;

  EntryKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public boolean isManual() {
    return this != TASK_COMPLETED && this != LETTER_SCAN;
  }
}
