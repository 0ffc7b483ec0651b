package org.liangze.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs where the tests run, so the container files are checked for what matters without one:
 * they parse, production never runs the demo, secrets come from the environment, the app runs as non-root and
 * both services have health checks.
 */
class DockerFilesTest {

  @Test
  @SuppressWarnings("unchecked")
  void composeRunsThePlatformOnPostgresWithSecretsFromTheEnvironment() throws IOException {
    Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker/compose.yaml")));
    Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
    assertThat(services).containsKeys("db", "liangze");
    assertThat((String) services.get("db").get("image")).startsWith("postgres:");

    Map<String, Object> platform = services.get("liangze");
    Map<String, Object> environment = (Map<String, Object>) platform.get("environment");
    assertThat(environment.get("SPRING_PROFILES_ACTIVE")).isEqualTo("postgres");
    assertThat((String) environment.get("LIANGZE_ADMIN_PASSWORD")).startsWith("${LIANGZE_ADMIN_PASSWORD:?");
    assertThat((String) environment.get("POSTGRES_PASSWORD")).startsWith("${POSTGRES_PASSWORD:?");
    assertThat(environment.values()).noneMatch(value -> String.valueOf(value).contains("demo"));
    assertThat(services.values()).allSatisfy(service -> assertThat(service).containsKey("healthcheck"));
    assertThat(((Map<String, Map<String, String>>) platform.get("depends_on")).get("db"))
        .containsEntry("condition", "service_healthy");
  }

  @Test
  void theImageIsMultiStageAndRunsAsNonRoot() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("docker/Dockerfile"));
    assertThat(lines.stream().filter(line -> line.startsWith("FROM "))).hasSizeGreaterThanOrEqualTo(2);
    String user = lines.stream().filter(line -> line.startsWith("USER ")).reduce((a, b) -> b).orElseThrow();
    assertThat(user).doesNotContain("root").isNotEqualTo("USER 0");
    assertThat(lines).anyMatch(line -> line.startsWith("HEALTHCHECK"));
    assertThat(lines).noneMatch(line -> line.contains("demo") && !line.trim().startsWith("#"));
    // without a Chinese font the record manual's PDF export answers 503
    assertThat(lines).anyMatch(line -> line.contains("apt-get install") && line.contains("fonts-droid-fallback"));
  }
}
