package org.liangze.selfcheck;

/** What the unit's discipline inspector (纪检委员) does with its assessed self-check before the secretary signs off. */
public enum InspectionDecision {
  PASS("通过"),
  RETURN("退回修改");

  private final String label;

  InspectionDecision(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The constant named by a form's value, or null if there is none. */
  static InspectionDecision of(Object value) {
    for (InspectionDecision constant : values()) {
      if (constant.name().equals(value)) {
        return constant;
      }
    }
    return null;
  }
}
