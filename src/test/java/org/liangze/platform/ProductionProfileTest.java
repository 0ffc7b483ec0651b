package org.liangze.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.liangze.organisation.UnitRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Without the demo profile the platform seeds nobody but the administrator it was given a password for. It needs a
 * database nobody else has written to: other H2 tests with the same configuration share one cached context (and
 * its in-memory database) and seed the demo district into it, so this class starts a fresh context of its own
 * whichever ran before it.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
class ProductionProfileTest {

  @Autowired IdentityService identity;
  @Autowired UnitRepository units;
  @Autowired ProcessEngineConfiguration engineConfiguration;

  @Test
  void noDemoDataAndNoDemoLogins() {
    assertThat(units.isEmpty()).isTrue();
    assertThat(identity.createUserQuery().list()).extracting(User::getId).containsExactly("admin");
    assertThat(identity.checkPassword("admin", "test-admin-password")).isTrue();
    assertThat(identity.checkPassword("admin", "demo")).isFalse();
  }

  @Test
  void authorizationsAreOn() {
    assertThat(engineConfiguration.isAuthorizationEnabled()).isTrue();
  }
}
