package org.liangze.organisation;

import java.util.regex.Pattern;

/** Someone who works on the platform; synced into Camunda's identity service as a user. */
public record Person(String userId, String name, String unitCode, Role role, String email) {

  static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9]{1,64}");

  public Person {
    if (userId == null || !USER_ID.matcher(userId).matches()) {
      throw new IllegalArgumentException("User id must be 1-64 letters or digits: " + userId);
    }
    if (role.isUnitRole() != (unitCode != null)) {
      throw new IllegalArgumentException("Person " + userId + ": unit roles need a unit, district roles none");
    }
  }
}
