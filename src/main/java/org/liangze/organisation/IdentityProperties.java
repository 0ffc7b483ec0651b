package org.liangze.organisation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param initialPassword password given to people when they are first created in Camunda. Set only by the demo
 *     profile; elsewhere people get a one-time password from {@link FirstPasswords} (the organisation import hands
 *     them to the administrator) and must set their own at the first login.
 * @param password the rules a password a person sets must keep
 */
@ConfigurationProperties("liangze.identity")
public record IdentityProperties(String initialPassword, @DefaultValue Password password) {

  public IdentityProperties {
    if (password == null) {
      password = new Password(10, 3);
    }
  }

  public boolean hasInitialPassword() {
    return initialPassword != null && !initialPassword.isBlank();
  }

  /**
   * @param minLength the fewest characters a password may have
   * @param characterClasses how many of the four classes (upper-case letters, lower-case letters, digits, other
   *     characters) it must mix, 1-4
   */
  public record Password(@DefaultValue("10") int minLength, @DefaultValue("3") int characterClasses) {
  }
}
