package org.liangze.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs where the tests run, so the container files are checked for what matters without one:
 * they parse, production never runs the demo, secrets come from the environment, the app runs as non-root and
 * both services have health checks, the database is set up with the two roles and the application never connects as
 * its superuser; the cluster file runs identical nodes behind a load balancer that needs no session affinity.
 * (DockerInitScriptPostgresTest runs the init script.)
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
    assertTwoRoles(services.get("db"), environment);
    assertTestedCollation(services.get("db"));
  }

  /**
   * README "Database roles": the database container creates the owner and the runtime role in its init script; the
   * application connects as the runtime role and migrates as the owner, never as the image's superuser, and every
   * password comes from the environment, a different one for each.
   */
  @SuppressWarnings("unchecked")
  static void assertTwoRoles(Map<String, Object> db, Map<String, Object> application) {
    Map<String, Object> database = (Map<String, Object>) db.get("environment");
    assertThat((List<String>) db.get("volumes")).contains("./initdb:/docker-entrypoint-initdb.d:ro");
    assertThat(Files.isRegularFile(Path.of("docker/initdb/10-liangze-roles.sh"))).isTrue();
    String superuser = (String) database.get("POSTGRES_USER");
    String owner = (String) database.get("LIANGZE_OWNER_ROLE");
    String runtime = (String) database.get("LIANGZE_RUNTIME_ROLE");
    assertThat(List.of(superuser, owner, runtime)).doesNotHaveDuplicates().doesNotContainNull();
    assertThat(application.get("POSTGRES_USER")).isEqualTo(runtime).isNotEqualTo(superuser);
    assertThat(application.get("POSTGRES_OWNER_USER")).isEqualTo(owner);
    assertThat(application.get("POSTGRES_PASSWORD")).isEqualTo(database.get("LIANGZE_RUNTIME_PASSWORD"));
    assertThat(application.get("POSTGRES_OWNER_PASSWORD")).isEqualTo(database.get("LIANGZE_OWNER_PASSWORD"));
    List<String> passwords = List.of((String) database.get("POSTGRES_PASSWORD"),
        (String) database.get("LIANGZE_OWNER_PASSWORD"), (String) database.get("LIANGZE_RUNTIME_PASSWORD"));
    assertThat(passwords).allMatch(password -> password.matches("\\$\\{[A-Z_]+:\\?.*}")).doesNotHaveDuplicates();
    assertThat(application.values()).noneMatch(value -> String.valueOf(value).contains("POSTGRES_SUPERUSER"));
  }

  /** The database is initialised with the collation every PostgreSQL test and the benchmark run on. */
  @SuppressWarnings("unchecked")
  static void assertTestedCollation(Map<String, Object> db) {
    assertThat(((Map<String, Object>) db.get("environment")).get("POSTGRES_INITDB_ARGS")).isEqualTo(
        "--" + EmbeddedPostgresDatabase.COLLATION_OPTION + "=" + EmbeddedPostgresDatabase.COLLATION);
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

  @Test
  @SuppressWarnings("unchecked")
  void theClusterRunsIdenticalNodesBehindALoadBalancerWithoutAffinity() throws IOException {
    Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker/compose.cluster.yaml")));
    Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
    List<String> nodes = services.keySet().stream().filter(name -> name.startsWith("node")).sorted().toList();
    assertThat(nodes).hasSizeGreaterThanOrEqualTo(2);

    Map<String, Object> first = services.get(nodes.get(0));
    Map<String, Object> environment = (Map<String, Object>) first.get("environment");
    assertThat(environment.get("SPRING_PROFILES_ACTIVE")).isEqualTo("postgres");
    assertThat((String) environment.get("LIANGZE_ADMIN_PASSWORD")).startsWith("${LIANGZE_ADMIN_PASSWORD:?");
    assertThat(environment.values()).noneMatch(value -> String.valueOf(value).contains("demo"));
    for (String node : nodes) {
      // homogeneous: the same image, the same environment, no published port of its own
      assertThat(services.get(node).get("image")).isEqualTo(first.get("image"));
      assertThat(services.get(node).get("environment")).isEqualTo(environment);
      assertThat(services.get(node)).containsKey("healthcheck").doesNotContainKey("ports");
    }
    // the first node migrates and deploys on its own; the others wait until it is healthy
    assertThat(((Map<String, Map<String, String>>) first.get("depends_on")).get("db"))
        .containsEntry("condition", "service_healthy");
    assertTwoRoles(services.get("db"), environment);
    assertTestedCollation(services.get("db"));
    for (String node : nodes.subList(1, nodes.size())) {
      assertThat(((Map<String, Map<String, String>>) services.get(node).get("depends_on")).get(nodes.get(0)))
          .containsEntry("condition", "service_healthy");
    }

    Map<String, Object> balancer = services.get("lb");
    assertThat((String) balancer.get("image")).startsWith("nginx:");
    assertThat((List<String>) balancer.get("volumes")).anyMatch(volume -> volume.startsWith("./nginx.conf:"));
    assertThat(services.values()).allSatisfy(service -> assertThat(service).containsKey("healthcheck"));

    String nginx = Files.readString(Path.of("docker/nginx.conf"));
    Matcher upstream = Pattern.compile("upstream (\\w+) \\{([^}]*)}").matcher(nginx);
    assertThat(upstream.find()).as("an upstream block").isTrue();
    for (String node : nodes) {
      assertThat(upstream.group(2)).contains("server " + node + ":8080");
    }
    assertThat(nginx).contains("proxy_pass http://" + upstream.group(1) + ";");
    // sessions are in the database: no pinning of a user to a node
    assertThat(nginx.lines().map(String::trim).filter(line -> !line.startsWith("#")))
        .noneMatch(line -> line.startsWith("ip_hash") || line.startsWith("hash ") || line.startsWith("sticky"));
    // the record manual's uploads (25 MB) pass the proxy
    Matcher bodySize = Pattern.compile("client_max_body_size (\\d+)m;").matcher(nginx);
    assertThat(bodySize.find()).isTrue();
    assertThat(Integer.parseInt(bodySize.group(1))).isGreaterThanOrEqualTo(26);
    // the nodes believe forwarded headers from the load balancer's address and nobody else's
    String lbAddress = ((Map<String, Map<String, String>>) balancer.get("networks")).get("default").get("ipv4_address");
    assertThat(environment.get("LIANGZE_TRUSTED_PROXIES")).isEqualTo(lbAddress);
  }
}
