package org.liangze.platform;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start outside the demo profile without an administrator password from the environment, or with the
 * demo's initial password for people. Runs before any bean exists, so nothing is created with a default password.
 */
public class ProductionGuard implements EnvironmentPostProcessor {

  static final String DEMO_PROFILE = "demo";
  static final int MIN_PASSWORD_LENGTH = 8;

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (Arrays.asList(environment.getActiveProfiles()).contains(DEMO_PROFILE)) {
      return;
    }
    String adminPassword = environment.getProperty("camunda.bpm.admin-user.password", "");
    if (adminPassword.length() < MIN_PASSWORD_LENGTH) {
      throw new IllegalStateException("Refusing to start: set LIANGZE_ADMIN_PASSWORD (at least "
          + MIN_PASSWORD_LENGTH + " characters) for the administrator, or run the demo with the 'demo' profile");
    }
    if (!environment.getProperty("liangze.identity.initial-password", "").isBlank()) {
      throw new IllegalStateException(
          "Refusing to start: liangze.identity.initial-password is for the demo profile only");
    }
  }
}
