package org.liangze.organisation;

/**
 * A post (职务) a person holds: a role inside a unit, or a district role ({@code unitCode} null). Each post is
 * one membership of one Camunda group, {@link #groupId()}.
 */
public record Post(String unitCode, Role role) {

  public Post {
    if (role == null) {
      throw new IllegalArgumentException("A post needs a role");
    }
    if (role.isUnitRole() != (unitCode != null)) {
      throw new IllegalArgumentException("Post " + role + ": unit roles need a unit, district roles none");
    }
  }

  public static Post district(Role role) {
    return new Post(null, role);
  }

  public String groupId() {
    return Groups.of(role, unitCode);
  }

  /** "D01 党组织书记", or "区委" for a district post. */
  public String label() {
    return unitCode == null ? role.label() : unitCode + " " + role.label();
  }
}
