package org.liangze.platform;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class ProductionGuardTest {

  private final ProductionGuard guard = new ProductionGuard();

  @Test
  void outsideTheDemoAnAdministratorPasswordMustComeFromTheEnvironment() {
    assertThatThrownBy(() -> guard.postProcessEnvironment(new MockEnvironment(), new SpringApplication()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("LIANGZE_ADMIN_PASSWORD");
    MockEnvironment shortPassword = new MockEnvironment().withProperty("camunda.bpm.admin-user.password", "demo");
    assertThatThrownBy(() -> guard.postProcessEnvironment(shortPassword, new SpringApplication()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void outsideTheDemoPeopleGetNoInitialPassword() {
    MockEnvironment environment = new MockEnvironment()
        .withProperty("camunda.bpm.admin-user.password", "a-long-secret")
        .withProperty("liangze.identity.initial-password", "demo");
    assertThatThrownBy(() -> guard.postProcessEnvironment(environment, new SpringApplication()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("demo profile");
  }

  @Test
  void outsideTheDemoThePlatformGeneratesNoCheckpointKeyOfItsOwn() {
    MockEnvironment environment = new MockEnvironment()
        .withProperty("camunda.bpm.admin-user.password", "a-long-secret")
        .withProperty("liangze.record.checkpoint.generate-missing-key", "true");
    assertThatThrownBy(() -> guard.postProcessEnvironment(environment, new SpringApplication()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("CheckpointKeyCli");
  }

  @Test
  void productionWithASecretStartsAndTheDemoNeedsNone() {
    MockEnvironment production = new MockEnvironment().withProperty("camunda.bpm.admin-user.password", "a-long-secret");
    assertThatCode(() -> guard.postProcessEnvironment(production, new SpringApplication())).doesNotThrowAnyException();
    MockEnvironment demo = new MockEnvironment();
    demo.setActiveProfiles("demo");
    assertThatCode(() -> guard.postProcessEnvironment(demo, new SpringApplication())).doesNotThrowAnyException();
  }
}
