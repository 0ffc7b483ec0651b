package org.liangze.lists;

/** The faults the automatic checks look for in a tailored list (DESIGN §1: the three faults, and risk points). */
public enum QualityFlagKind {
  /** 照搬照抄: much the same text as another unit's list of the year. */
  COPYING("照搬照抄"),
  /** 新瓶装旧酒: items carried over unchanged from the unit's list of the previous year. */
  RELABELLING("新瓶装旧酒"),
  /** 贪大求全: more items than a unit can really carry. */
  STUFFING("贪大求全"),
  /** Items that name no integrity risk point. */
  MISSING_RISK_POINT("未标明廉政风险点");

  private final String label;

  QualityFlagKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
