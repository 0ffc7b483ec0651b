package org.liangze.organisation;

import java.util.regex.Pattern;

/**
 * A Party organisation of the district. Its code becomes part of Camunda group ids, so it keeps to Camunda's
 * default id whitelist (letters and digits only). A retired unit ({@code active} false) is kept for history.
 */
public record Unit(String code, String name, UnitType type, String parentCode, boolean active) {

  static final Pattern CODE = Pattern.compile("[A-Za-z0-9]{1,32}");

  public Unit {
    if (code == null || !CODE.matcher(code).matches()) {
      throw new IllegalArgumentException("Unit code must be 1-32 letters or digits: " + code);
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("Unit " + code + " needs a name");
    }
  }

  /** An active unit. */
  public Unit(String code, String name, UnitType type, String parentCode) {
    this(code, name, type, parentCode, true);
  }
}
