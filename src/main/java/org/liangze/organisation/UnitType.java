package org.liangze.organisation;

/** The five kinds of unit a district has; each carries the common list plus its own tailored list. */
public enum UnitType {
  DISTRICT_DEPARTMENT("区直部门"),
  SUBDISTRICT_OR_TOWN("街镇"),
  AFFILIATED_UNIT("区属部门"),
  SECTION_OR_STATION("科室站所"),
  VILLAGE_OR_COMMUNITY("村居");

  private final String label;

  UnitType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
