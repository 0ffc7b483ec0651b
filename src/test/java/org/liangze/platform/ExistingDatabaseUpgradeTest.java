package org.liangze.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.UUID;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.liangze.LiangzeApplication;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A database of a platform from before the two roles (Flyway up to V15; Camunda's tables made by the engine at start,
 * Camunda's missing indexes by EngineTableTuning) is taken over: Flyway records Camunda's schema as it is (V22
 * skips what exists), the indexes become migrations, and the application starts. On PostgreSQL, after the README's
 * steps for an existing installation ({@code tools/transfer-ownership.sql}: everything of the old application role
 * to the owner role), the old role becomes the runtime role and passes the role check. On H2: the demo's {@code ./data} of before.
 */
class ExistingDatabaseUpgradeTest {

  static final String PASSWORD = EmbeddedPostgresDatabase.PASSWORD;

  @Test
  void aPostgresDatabaseOfOneRoleIsTakenOverAsTheReadmeSays() throws Exception {
    String name = "liangze_before_roles";
    try (Connection connection = EmbeddedPostgresDatabase.server().getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      // before: one role, the application's, owned the database and everything in it
      statement.execute("create database " + name + " owner " + EmbeddedPostgresDatabase.RUNTIME);
    }
    String url = EmbeddedPostgresDatabase.url(EmbeddedPostgresDatabase.server(), name);
    DataSource before = new DriverManagerDataSource(url, EmbeddedPostgresDatabase.RUNTIME, PASSWORD);
    platformBeforeTheRoles(before, "postgresql");
    JdbcClient.create(before).sql("create index LZ_IDX_VAR_UNIT_CODE on ACT_RU_VARIABLE (TEXT_) "
        + "where NAME_ = 'unitCode'").update();

    // README "Database roles", an existing installation: the old role's objects go to the owner role
    psql(name, "-v", "owner=" + EmbeddedPostgresDatabase.OWNER, "-f", "tools/transfer-ownership.sql");

    try (ConfigurableApplicationContext app = start(url, EmbeddedPostgresDatabase.RUNTIME,
        "--spring.flyway.user=" + EmbeddedPostgresDatabase.OWNER, "--spring.flyway.password=" + PASSWORD,
        "--liangze.database.role-check=true")) {
      JdbcClient owner = JdbcClient.create(EmbeddedPostgresDatabase.ownerDataSource(url));
      assertThat(appliedVersions(owner)).contains("15", "20", "21", "22", "23", "24");
      assertThat(owner.sql("select indexname from pg_indexes where indexname like 'lz_idx_%' order by 1")
          .query(String.class).list())
          .containsExactly("lz_idx_auth_user_id", "lz_idx_job_priority", "lz_idx_task_due_date",
              "lz_idx_task_suspended");
      assertThat(owner.sql("select count(*) from pg_tables where schemaname = 'public' and tableowner <> ?")
          .param(EmbeddedPostgresDatabase.OWNER).query(Long.class).single()).isZero();
      assertThat(app.getBean(RepositoryService.class).createProcessDefinitionQuery().count()).isPositive();
      // the statistics check of Camunda's busy tables works for the runtime role, which owns none of them
      JdbcClient runtime = JdbcClient.create(app.getBean(DataSource.class));
      runtime.sql("insert into act_ru_authorization (id_, rev_, type_, user_id_, resource_type_, resource_id_, "
          + "perms_) select 'stale-' || n, 1, 1, 'stale-' || n, 0, '*', 1 from generate_series(1, 1000) n").update();
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
          runtime.sql(EngineTableTuning.ANALYZE_STALE).query(String.class).list()).contains("act_ru_authorization"));
      assertThat(owner.sql("select last_analyze is not null from pg_stat_user_tables "
          + "where relname = 'act_ru_authorization'").query(Boolean.class).single()).isTrue();
    }
  }

  @Test
  void anH2DatabaseOfBeforeStartsAsItIs() {
    String url = "jdbc:h2:mem:before-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    DataSource before = new DriverManagerDataSource(url, "sa", "");
    platformBeforeTheRoles(before, "h2");

    try (ConfigurableApplicationContext app = start(url, "sa")) {
      JdbcClient jdbc = JdbcClient.create(before);
      assertThat(appliedVersions(jdbc)).contains("15", "20", "21", "22", "23");
      assertThat(jdbc.sql("select count(*) from information_schema.indexes where index_name = 'LZ_IDX_AUTH_USER_ID'")
          .query(Long.class).single()).isPositive();
      assertThat(app.getBean(RepositoryService.class).createProcessDefinitionQuery().count()).isPositive();
    }
  }

  /**
   * The platform as it was: its migrations up to V15, then Camunda's engine creating its tables at start (schema
   * update true) and EngineTableTuning one of its indexes.
   */
  private static void platformBeforeTheRoles(DataSource dataSource, String vendor) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
        .target("15").load().migrate();
    ProcessEngine engine = ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
        .setProcessEngineName("before-roles-" + vendor).setDataSource(dataSource)
        .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE).buildProcessEngine();
    engine.close();
    JdbcClient.create(dataSource).sql("create index LZ_IDX_TASK_DUE_DATE on ACT_RU_TASK (DUE_DATE_)").update();
  }

  /** Runs psql as the superuser on a database of the embedded server, as the README tells an administrator to. */
  private static void psql(String database, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("psql", "-v", "ON_ERROR_STOP=1", "-h", "localhost", "-p",
        String.valueOf(EmbeddedPostgresDatabase.server().getPort()), "-U", EmbeddedPostgresDatabase.SUPERUSER, "-d",
        database));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", PASSWORD);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }

  private static List<String> appliedVersions(JdbcClient jdbc) {
    return jdbc.sql("select \"version\" from \"flyway_schema_history\" where \"success\" order by \"installed_rank\"")
        .query(String.class).list();
  }

  private static ConfigurableApplicationContext start(String url, String user, String... more) {
    List<String> arguments = new ArrayList<>(List.of(
        "--spring.datasource.url=" + url,
        "--spring.datasource.username=" + user,
        "--spring.datasource.password=" + (user.equals("sa") ? "" : PASSWORD),
        "--camunda.bpm.job-execution.enabled=false",
        "--server.port=0"));
    arguments.addAll(List.of(more));
    return new SpringApplicationBuilder(LiangzeApplication.class).profiles("test")
        .run(arguments.toArray(String[]::new));
  }
}
