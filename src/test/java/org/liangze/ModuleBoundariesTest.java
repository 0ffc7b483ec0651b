package org.liangze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;

/**
 * The features' boundaries, verified by Spring Modulith: each direct sub-package of {@code org.liangze} is a module;
 * no two modules depend on each other, directly or round a longer cycle, and no module reaches into another's
 * sub-packages. A feature that needs another's events or services depends on it one way only ({@code platform} is
 * below them all).
 */
class ModuleBoundariesTest {

  @Test
  void featuresDependOnEachOtherWithoutCyclesAndOnlyThroughTheirTopLevelPackages() {
    ApplicationModules modules = ApplicationModules.of(LiangzeApplication.class);
    assertThat(modules.stream().map(module -> module.getIdentifier().toString()))
        .contains("organisation", "lists", "selfcheck", "escalation", "imports", "platform");
    modules.verify();
  }

  @Test
  void aCycleBetweenTwoModulesFailsTheVerification() {
    // the fixture's two packages depend on each other; test classes are imported here, as the fixture is one
    ApplicationModules fixture = ApplicationModules.of("org.liangze.modulefixture",
        new ImportOption.OnlyIncludeTests());
    assertThatThrownBy(fixture::verify).isInstanceOf(Violations.class)
        .hasMessageContaining("Cycle detected")
        .hasMessageContaining("first").hasMessageContaining("second");
  }
}
