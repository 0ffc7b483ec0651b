package org.liangze.lists;

/** The district's common list (共性清单), carried by every unit, or a unit's own tailored list (个性清单). */
public enum ListKind {
  COMMON("共性清单"),
  TAILORED("个性清单");

  private final String label;

  ListKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
