package org.liangze.record;

/** What a record entry records. Completed tasks are written by the platform; the rest by a unit's people. */
public enum EntryKind {
  TASK_COMPLETED("完成任务"),
  MEETING("会议"),
  STUDY("学习"),
  TALK("谈话"),
  INSPECTION("检查"),
  OTHER("其他");

  private final String label;

  EntryKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public boolean isManual() {
    return this != TASK_COMPLETED;
  }
}
