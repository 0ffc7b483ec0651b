package org.liangze.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.liangze.LiangzeApplication;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database container's init script ({@code docker/initdb/10-liangze-roles.sh}), run as the postgres image runs it
 * (its superuser, {@code POSTGRES_DB} created, the roles' names and passwords from the environment) with psql
 * against the embedded PostgreSQL; then the platform starts on it as compose starts it (profile postgres, the owner
 * role migrating, the runtime role connecting) and its role check passes.
 */
class DockerInitScriptPostgresTest {

  static final String DATABASE = "compose_liangze";
  static final String OWNER = "compose_owner";
  static final String RUNTIME = "compose_app";
  static final String OWNER_PASSWORD = "owner-secret";
  static final String RUNTIME_PASSWORD = "runtime-secret";

  @Test
  void theInitScriptCreatesTwoRolesThePlatformStartsWith() throws Exception {
    var server = EmbeddedPostgresDatabase.server();
    try (Connection connection = server.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("create database " + DATABASE);
    }
    ProcessBuilder init = new ProcessBuilder("bash", "docker/initdb/10-liangze-roles.sh").redirectErrorStream(true);
    init.environment().putAll(Map.of("PGHOST", "localhost", "PGPORT", String.valueOf(server.getPort()),
        "PGPASSWORD", EmbeddedPostgresDatabase.PASSWORD,
        "POSTGRES_USER", EmbeddedPostgresDatabase.SUPERUSER, "POSTGRES_DB", DATABASE,
        "LIANGZE_OWNER_ROLE", OWNER, "LIANGZE_OWNER_PASSWORD", OWNER_PASSWORD,
        "LIANGZE_RUNTIME_ROLE", RUNTIME, "LIANGZE_RUNTIME_PASSWORD", RUNTIME_PASSWORD));
    Process process = init.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();

    String url = EmbeddedPostgresDatabase.url(server, DATABASE);
    JdbcClient superuser = JdbcClient.create(EmbeddedPostgresDatabase.superuserDataSource(url));
    assertThat(superuser.sql("select rolname, rolsuper, rolcreaterole, rolcreatedb from pg_roles "
            + "where rolname in (?, ?) order by rolname").params(RUNTIME, OWNER)
        .query((rs, row) -> List.of(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4))).list())
        .containsExactly(List.of(RUNTIME, false, false, false), List.of(OWNER, false, false, false));
    assertThat(superuser.sql("select pg_get_userbyid(datdba) from pg_database where datname = ?").param(DATABASE)
        .query(String.class).single()).isEqualTo(OWNER);

    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LiangzeApplication.class)
        .profiles("postgres").run(
            "--spring.datasource.url=" + url,
            "--spring.datasource.username=" + RUNTIME,
            "--spring.datasource.password=" + RUNTIME_PASSWORD,
            "--spring.flyway.user=" + OWNER,
            "--spring.flyway.password=" + OWNER_PASSWORD,
            "--camunda.bpm.admin-user.password=test-admin-password",
            "--camunda.bpm.job-execution.enabled=false",
            "--server.port=0")) {
      JdbcClient runtime = JdbcClient.create(app.getBean(DataSource.class));
      assertThat(runtime.sql("select current_user").query(String.class).single()).isEqualTo(RUNTIME);
      assertThat(runtime.sql("select count(*) from pg_tables where schemaname = 'public' and tableowner <> ?")
          .param(OWNER).query(Long.class).single()).isZero();
    }
  }
}
