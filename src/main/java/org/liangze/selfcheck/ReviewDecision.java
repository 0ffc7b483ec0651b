package org.liangze.selfcheck;

/** What the discipline commission does with a signed-off self-check. */
public enum ReviewDecision {
  ACCEPT("审核通过"),
  RETURN("退回修改"),
  RECTIFY("责令整改");

  private final String label;

  ReviewDecision(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The constant named by a form's value, or null if there is none. */
  static ReviewDecision of(Object value) {
    for (ReviewDecision constant : values()) {
      if (constant.name().equals(value)) {
        return constant;
      }
    }
    return null;
  }
}
