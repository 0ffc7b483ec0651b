package org.liangze.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.LiangzeApplication;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.organisation.UnitType;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The insider of issue 14, replayed on PostgreSQL set up as the README says (two roles: the owner migrates, the
 * application connects as the runtime role; {@link EmbeddedPostgresDatabase}). With the application's own database
 * role — the password in the application's configuration — every step of the rewrite is refused by PostgreSQL and
 * the record is unchanged; and the application refuses to start when it is given a role that could rewrite it (a
 * superuser, or the owner role).
 *
 * <p>{@link #asRuntime}, {@link #asOwner} and {@link #entries} are meant for further insiders (the owner role's
 * rewrite against signed checkpoints).
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class InsiderRewritePostgresTest {

  static final String UNIT = "IR01";
  /** PostgreSQL's insufficient_privilege. */
  static final String INSUFFICIENT_PRIVILEGE = "42501";

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }

  @Autowired RecordManual manual;
  @Autowired ChainVerifier verifier;
  @Autowired UnitRepository units;
  @Autowired DataSource dataSource;

  @BeforeEach
  void aSignedLetterInTheRecord() {
    if (units.findByCode(UNIT).isPresent()) {
      return;
    }
    units.insert(new Unit(UNIT, "内部人员测试部门", UnitType.DISTRICT_DEPARTMENT, null));
    append("党组会研究部署年度党风廉政建设工作");
    append("签订党风廉政建设目标责任书，结果：签订");
    append("第一季度廉政学习");
  }

  @Test
  void withTheApplicationsRoleEveryStepOfTheRewriteIsRefusedAndTheRecordIsUnchanged() throws SQLException {
    List<Object> before = entries(UNIT);
    Object headBefore = head(UNIT);
    long signed = manual.entriesOf(UNIT).stream().filter(e -> e.summary().endsWith("结果：签订")).findFirst()
        .orElseThrow().seq();

    try (Connection runtime = asRuntime()) {
      refused(runtime, "alter table record_entries disable trigger user", "must be owner of table record_entries");
      refused(runtime, "alter table record_entries disable trigger record_entries_no_update_or_delete",
          "must be owner of table record_entries");
      refused(runtime, "update record_entries set summary = replace(summary, '结果：签订', '结果：提出异议') "
          + "where unit_code = '" + UNIT + "' and seq = " + signed, "permission denied for table record_entries");
      refused(runtime, "update record_chain_heads set last_hash = 'recomputed' where unit_code = '" + UNIT + "'",
          "permission denied for table record_chain_heads");
      refused(runtime, "delete from record_entries where unit_code = '" + UNIT + "' and seq = " + signed,
          "permission denied for table record_entries");
      refused(runtime, "delete from record_chain_heads where unit_code = '" + UNIT + "'",
          "permission denied for table record_chain_heads");
      refused(runtime, "truncate record_entries", "permission denied for table record_entries");
      refused(runtime, "truncate record_chain_heads", "permission denied for table record_chain_heads");
      // nor around the rights: the list of append-only tables, the evidence, the schema, the owner's role
      refused(runtime, "delete from append_only_tables", "permission denied for table append_only_tables");
      refused(runtime, "update evidence_files set content = null", "permission denied for table evidence_files");
      refused(runtime, "drop table record_entries", "must be owner of table record_entries");
      refused(runtime, "create table record_entries_copy (id bigint)", "permission denied for schema public");
      refused(runtime, "set role " + EmbeddedPostgresDatabase.OWNER, "permission denied to set role");
      // granting itself the right is no error in PostgreSQL, only a warning that nothing was granted
      try (Statement statement = runtime.createStatement()) {
        statement.execute("grant update, delete on record_entries to " + EmbeddedPostgresDatabase.RUNTIME);
        assertThat(statement.getWarnings().getMessage()).contains("no privileges were granted");
        try (ResultSet rs = statement.executeQuery("select has_table_privilege('record_entries', 'UPDATE'), "
            + "has_table_privilege('record_entries', 'DELETE')")) {
          rs.next();
          assertThat(List.of(rs.getBoolean(1), rs.getBoolean(2))).containsOnly(false);
        }
      }
    }

    assertThat(entries(UNIT)).isEqualTo(before);
    assertThat(head(UNIT)).isEqualTo(headBefore);
    assertThat(verifier.verify(UNIT).intact()).isTrue();
  }

  @Test
  void theApplicationsRoleStillAppendsAndTheDatabaseMovesTheHead() {
    RecordEntry appended = append("第二季度廉政学习");
    assertThat(head(UNIT)).isEqualTo(List.of(appended.seq(), appended.entryHash()));
    assertThat(verifier.verify(UNIT).intact()).isTrue();
  }

  @Test
  void theApplicationRefusesToStartAsASuperuser() {
    assertThatThrownBy(() -> start(EmbeddedPostgresDatabase.SUPERUSER))
        .rootCause().isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Refusing to start: the database role 'postgres' could rewrite the record manual: "
            + "it is a superuser")
        .hasMessageContaining("POSTGRES_OWNER_USER");
  }

  @Test
  void theApplicationRefusesToStartAsTheOwnerRole() {
    assertThatThrownBy(() -> start(EmbeddedPostgresDatabase.OWNER))
        .rootCause().isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Refusing to start: the database role '" + EmbeddedPostgresDatabase.OWNER
            + "' could rewrite the record manual: ")
        .hasMessageContaining("it owns the schema public")
        .hasMessageContaining("tables and sequences (record_entries")
        .hasMessageContaining("it may UPDATE, DELETE, TRUNCATE, TRIGGER record_entries; ");
  }

  /** A connection as the application's runtime role (the password in its configuration). */
  Connection asRuntime() throws SQLException {
    return EmbeddedPostgresDatabase.asRuntime(EmbeddedPostgresDatabase.urlOf(dataSource));
  }

  /** A connection as the owner role (the password of the migrations). */
  Connection asOwner() throws SQLException {
    return EmbeddedPostgresDatabase.asOwner(EmbeddedPostgresDatabase.urlOf(dataSource));
  }

  /** A unit's entries, every column, as the database holds them. */
  List<Object> entries(String unit) {
    return JdbcClient.create(dataSource).sql("select * from record_entries where unit_code = ? order by seq")
        .param(unit).query((rs, row) -> {
          int columns = rs.getMetaData().getColumnCount();
          Object[] values = new Object[columns];
          for (int i = 0; i < columns; i++) {
            values[i] = rs.getObject(i + 1);
          }
          return (Object) Arrays.asList(values);
        }).list();
  }

  /** A unit's chain head: [last_seq, last_hash]. */
  Object head(String unit) {
    return JdbcClient.create(dataSource).sql("select last_seq, last_hash from record_chain_heads where unit_code = ?")
        .param(unit).query((rs, row) -> List.of(rs.getLong(1), rs.getString(2))).single();
  }

  private RecordEntry append(String summary) {
    return manual.append(new NewEntry(UNIT, EntryKind.MEETING, null, "ir01staff", Instant.now(), summary, null,
        null, null, null));
  }

  private static void refused(Connection connection, String sql, String message) {
    assertThatThrownBy(() -> {
      try (Statement statement = connection.createStatement()) {
        statement.execute(sql);
      }
    }).as(sql).isInstanceOfSatisfying(SQLException.class,
        e -> assertThat(e.getSQLState()).as(sql).isEqualTo(INSUFFICIENT_PRIVILEGE))
        .hasMessageContaining(message);
  }

  /**
   * Starts the application as production does (profile postgres, the owner role migrating) on a fresh database,
   * connecting as {@code role}.
   */
  private static void start(String role) {
    String url = EmbeddedPostgresDatabase.createDatabase();
    new SpringApplicationBuilder(LiangzeApplication.class).profiles("postgres").run(
        "--spring.datasource.url=" + url,
        "--spring.datasource.username=" + role,
        "--spring.datasource.password=" + EmbeddedPostgresDatabase.PASSWORD,
        "--spring.flyway.user=" + EmbeddedPostgresDatabase.OWNER,
        "--spring.flyway.password=" + EmbeddedPostgresDatabase.PASSWORD,
        "--camunda.bpm.admin-user.password=test-admin-password",
        "--camunda.bpm.job-execution.enabled=false",
        "--server.port=0").close();
  }
}
