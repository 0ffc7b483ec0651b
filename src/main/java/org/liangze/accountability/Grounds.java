package org.liangze.accountability;

/**
 * The grounds of the CPC Accountability Regulations (2019) articles 18–20 the investigators find for a subject: an
 * input of the measures decision table.
 */
public enum Grounds {
  NONE("无"),
  /** 从轻: the lighter measure within the range. */
  LIGHTER("从轻"),
  /** 减轻: a measure below the range. */
  REDUCED("减轻"),
  /** 从重: the heavier measure within the range. */
  HEAVIER("从重"),
  /** 加重: a measure above the range. */
  AGGRAVATED("加重"),
  /** 不予问责 (article 18). */
  NOT_ACCOUNTABLE("不予问责"),
  /** 免予问责 (article 19). */
  EXEMPT("免予问责");

  private final String label;

  Grounds(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
