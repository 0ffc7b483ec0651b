package org.liangze.organisation;

/**
 * What a person does on the platform. Unit roles are held inside one unit and map to one Camunda group per
 * unit; district roles map to one district-wide group each.
 */
public enum Role {
  STAFF("staff", "工作人员"),
  SECRETARY("secretary", "党组织书记"),
  INSPECTOR("inspector", "纪检委员"),
  DISCIPLINE_COMMISSION("disciplinecommission", "区纪委监委"),
  DISTRICT_COMMITTEE("districtcommittee", "区委"),
  PROCESS_DESIGNER("processdesigners", "流程设计人员");

  private final String groupSuffix;
  private final String label;

  Role(String groupSuffix, String label) {
    this.groupSuffix = groupSuffix;
    this.label = label;
  }

  public boolean isUnitRole() {
    return this == STAFF || this == SECRETARY || this == INSPECTOR;
  }

  /** For unit roles the suffix after {@code unit<CODE>}, for district roles the whole group id. */
  String groupSuffix() {
    return groupSuffix;
  }

  public String label() {
    return label;
  }
}
