package org.liangze.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Constructor;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A database of the single-post days (the demo's H2 file, a production PostgreSQL) migrates: each person's role
 * and unit become their one post, and the posts table keeps its rules.
 */
class PostsMigrationTest {

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void eachPersonsRoleAndUnitBecomeTheirPost(String vendor) {
    String url = vendor.equals("h2") ? "jdbc:h2:mem:posts-migration-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1"
        : EmbeddedPostgresDatabase.createDatabase();
    String user = vendor.equals("h2") ? "sa" : "postgres";
    String password = vendor.equals("h2") ? "" : "postgres";
    DriverManagerDataSource dataSource = new DriverManagerDataSource(url, user, password);
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    // the schema before posts, with people as they were
    flyway(dataSource, vendor).target("15").load().migrate();
    jdbc.update("insert into units (code, name, type) values ('D01', '区教育和体育局', 'DISTRICT_DEPARTMENT')");
    jdbc.update("insert into people (user_id, name, unit_code, role, email) values"
        + " ('d01sec', '张伟', 'D01', 'SECRETARY', 'd01sec@example.org'),"
        + " ('jiwei', '刘洋', null, 'DISCIPLINE_COMMISSION', null)");

    flyway(dataSource, vendor).load().migrate();

    assertThat(jdbc.queryForObject("select count(*) from posts", Long.class)).isEqualTo(2);
    assertThat(jdbc.queryForObject("select unit_code from posts where user_id = 'd01sec'", String.class))
        .isEqualTo("D01");
    assertThat(jdbc.queryForObject("select role from posts where user_id = 'd01sec'", String.class))
        .isEqualTo("SECRETARY");
    assertThat(jdbc.queryForObject("select count(*) from posts where user_id = 'jiwei' and unit_code is null"
        + " and role = 'DISCIPLINE_COMMISSION'", Long.class)).isEqualTo(1);
    assertThat(jdbc.queryForObject("select email from people where user_id = 'd01sec'", String.class))
        .isEqualTo("d01sec@example.org");
    assertThat(jdbc.queryForObject("select count(*) from people where left_at is null and mobile is null",
        Long.class)).isEqualTo(2);

    // the posts' rules: one post once (a district post too), unit roles need a unit, district roles none
    assertThatThrownBy(() -> jdbc.update("insert into posts (user_id, unit_code, role) values"
        + " ('jiwei', null, 'DISCIPLINE_COMMISSION')"));
    assertThatThrownBy(() -> jdbc.update("insert into posts (user_id, unit_code, role) values"
        + " ('jiwei', null, 'TEAM_MEMBER')"));
    assertThatThrownBy(() -> jdbc.update("insert into posts (user_id, unit_code, role) values"
        + " ('jiwei', 'D01', 'ORGANISATION_ADMIN')"));
    jdbc.update("insert into posts (user_id, unit_code, role) values ('d01sec', 'D01', 'TEAM_MEMBER')");
    assertThat(jdbc.queryForObject("select count(*) from posts where user_id = 'd01sec'", Long.class))
        .isEqualTo(2);
  }

  private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(DriverManagerDataSource dataSource,
      String vendor) {
    return Flyway.configure().dataSource(dataSource)
        .locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
        .javaMigrations(camundaSchema())
        // as application.yaml: a session-level lock, so CREATE INDEX CONCURRENTLY does not wait for Flyway's own
        .configuration(java.util.Map.of("flyway.postgresql.transactional.lock", "false"));
  }

  /** The platform's migration of Camunda's schema (V22), a bean of the platform feature, as Spring gives it. */
  private static JavaMigration camundaSchema() {
    try {
      Constructor<?> constructor = Class.forName("org.liangze.platform.CamundaSchemaMigration")
          .getDeclaredConstructor();
      constructor.setAccessible(true);
      return (JavaMigration) constructor.newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
