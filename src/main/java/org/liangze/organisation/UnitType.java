package org.liangze.organisation;

import java.util.Arrays;
import java.util.Optional;

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

  public static Optional<UnitType> byLabel(String label) {
    return Arrays.stream(values()).filter(type -> type.label.equals(label)).findFirst();
  }

  /**
   * The one rule of where a unit may sit in the district's tree (DESIGN §2 "Level by level"): 区直部门, 街镇 and
   * 区属部门 directly under the district; 村居 under a 街镇; 科室站所 under a 区直部门, a 街镇 (its offices and
   * stations) or a 区属部门. {@code parent} null means directly under the district.
   */
  public boolean mayBeUnder(UnitType parent) {
    return switch (this) {
      case DISTRICT_DEPARTMENT, SUBDISTRICT_OR_TOWN, AFFILIATED_UNIT -> parent == null;
      case VILLAGE_OR_COMMUNITY -> parent == SUBDISTRICT_OR_TOWN;
      case SECTION_OR_STATION -> parent == DISTRICT_DEPARTMENT || parent == SUBDISTRICT_OR_TOWN
          || parent == AFFILIATED_UNIT;
    };
  }

  /** Where this type may sit, as a person reads it. */
  public String placement() {
    return switch (this) {
      case DISTRICT_DEPARTMENT, SUBDISTRICT_OR_TOWN, AFFILIATED_UNIT -> "直属于区（上级单位代码留空）";
      case VILLAGE_OR_COMMUNITY -> "只能隶属于街镇";
      case SECTION_OR_STATION -> "只能隶属于区直部门、街镇或区属部门";
    };
  }
}
