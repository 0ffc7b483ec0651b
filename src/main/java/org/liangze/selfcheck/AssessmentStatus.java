package org.liangze.selfcheck;

/** How far a unit carried out one item of its lists in the quarter. */
public enum AssessmentStatus {
  DONE("已完成"),
  PARTLY("部分完成"),
  NOT_DONE("未完成");

  private final String label;

  AssessmentStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The constant named by a form's value, or null if there is none. */
  static AssessmentStatus of(Object value) {
    for (AssessmentStatus constant : values()) {
      if (constant.name().equals(value)) {
        return constant;
      }
    }
    return null;
  }
}
