package org.liangze.selfcheck;

/** Where a unit's self-check of a quarter stands. */
public enum SelfCheckStatus {
  ASSESSING("自查中"),
  INSPECTING("待纪检委员检查"),
  SIGNING_OFF("待书记审签"),
  REVIEWING("待上级审核"),
  RECTIFYING("整改中"),
  ACCEPTED("审核通过"),
  RECTIFIED("整改完成");

  private final String label;

  SelfCheckStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The constant named by a form's value, or null if there is none. */
  static SelfCheckStatus of(Object value) {
    for (SelfCheckStatus constant : values()) {
      if (constant.name().equals(value)) {
        return constant;
      }
    }
    return null;
  }
}
