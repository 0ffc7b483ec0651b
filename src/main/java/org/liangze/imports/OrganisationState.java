package org.liangze.imports;

import java.util.Map;
import java.util.Set;
import org.liangze.organisation.Role;
import org.liangze.organisation.UnitType;

/** The organisation as the import compares it: every unit (retired ones too) and every person (who left too). */
record OrganisationState(Map<String, UnitState> units, Map<String, PersonState> people) {

  record UnitState(String code, String name, UnitType type, String parentCode, boolean active) {
  }

  /** A post: a role in a unit, or a district role (unit code null). */
  record PostState(String unitCode, Role role) {
  }

  record PersonState(String login, String name, String mobile, String email, Set<PostState> posts, boolean left) {
  }
}
