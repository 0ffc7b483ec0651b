package org.liangze.organisation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param initialPassword password given to people when they are first created in Camunda. Set only by the demo
 *     profile; elsewhere people get no password and an administrator sets one in Camunda Admin.
 */
@ConfigurationProperties("liangze.identity")
public record IdentityProperties(String initialPassword) {

  public boolean hasInitialPassword() {
    return initialPassword != null && !initialPassword.isBlank();
  }
}
