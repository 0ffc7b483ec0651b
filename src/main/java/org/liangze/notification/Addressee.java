package org.liangze.notification;

import java.util.List;

/**
 * Whom a notification is for, with every way the platform knows to reach them: the Camunda user's e-mail, the
 * organisation's mobile number and the units of the person's posts (for their unit's group robot).
 */
public record Addressee(String userId, String name, String email, String mobile, List<String> unitCodes) {

  public Addressee {
    unitCodes = unitCodes == null ? List.of() : List.copyOf(unitCodes);
  }
}
