package org.liangze.selfcheck;

/** What the unit secretary does with the staff's self-check. */
public enum SignOffDecision {
  SIGN_OFF("审签通过"),
  RETURN("退回修改");

  private final String label;

  SignOffDecision(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The constant named by a form's value, or null if there is none. */
  static SignOffDecision of(Object value) {
    for (SignOffDecision constant : values()) {
      if (constant.name().equals(value)) {
        return constant;
      }
    }
    return null;
  }
}
