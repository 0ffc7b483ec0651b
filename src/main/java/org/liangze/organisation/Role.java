package org.liangze.organisation;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a post does on the platform. Unit roles are held inside one unit and map to one Camunda group per
 * unit; district roles map to one district-wide group each.
 */
public enum Role {
  STAFF("staff", "工作人员"),
  SECRETARY("secretary", "党组织书记"),
  INSPECTOR("inspector", "纪检委员"),
  /** A member of the unit's leading team (班子成员), with 一岗双责 for the items of their own area. */
  TEAM_MEMBER("member", "班子成员"),
  DISCIPLINE_COMMISSION("disciplinecommission", "区纪委监委"),
  DISTRICT_COMMITTEE("districtcommittee", "区委"),
  PROCESS_DESIGNER("processdesigners", "流程设计"),
  /** Loads the district's organisation (units, people, posts) by import. */
  ORGANISATION_ADMIN("organisationadmins", "组织管理员");

  private static final Set<Role> UNIT_ROLES = EnumSet.of(STAFF, SECRETARY, INSPECTOR, TEAM_MEMBER);

  private final String groupSuffix;
  private final String label;

  Role(String groupSuffix, String label) {
    this.groupSuffix = groupSuffix;
    this.label = label;
  }

  public boolean isUnitRole() {
    return UNIT_ROLES.contains(this);
  }

  /** The roles held inside a unit, each with one group per unit. */
  public static Set<Role> unitRoles() {
    return EnumSet.copyOf(UNIT_ROLES);
  }

  /** The roles held for the whole district, each with one district-wide group. */
  public static Set<Role> districtRoles() {
    return EnumSet.complementOf(EnumSet.copyOf(UNIT_ROLES));
  }

  /** For unit roles the suffix after {@code unit<CODE>}, for district roles the whole group id. */
  String groupSuffix() {
    return groupSuffix;
  }

  public String label() {
    return label;
  }
}
