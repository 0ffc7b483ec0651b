package org.liangze.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ByteArrayEntity;
import org.camunda.bpm.engine.repository.ResourceTypes;
import org.junit.jupiter.api.Test;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The application's connections to PostgreSQL send a JDBC batch of inserts as multi-row inserts
 * ({@code reWriteBatchedInserts}, application.yaml), and Camunda's flushes work over them: a command's new rows are
 * stored, and a row the database refuses fails the command with nothing of it stored.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MultiRowInsertsPostgresTest {

  @Autowired DataSource dataSource;
  @Autowired ProcessEngineConfigurationImpl engine;
  @Autowired TransactionTemplate transaction;

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }

  @Test
  void aBatchOfInsertsIsSentAsMultiRowInserts() {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    int[] counts = transaction.execute(status -> {
      jdbc.execute("create temporary table notes (id int primary key, text varchar(20)) on commit drop");
      int[] written = jdbc.batchUpdate("insert into notes (id, text) values (?, ?)",
          List.of(new Object[] {1, "一"}, new Object[] {2, "二"}, new Object[] {3, "三"}));
      assertThat(jdbc.queryForList("select text from notes order by id", String.class))
          .containsExactly("一", "二", "三");
      return written;
    });
    // sent one by one, the driver reports a row each; rewritten into multi-row inserts (the driver cuts a batch into
    // powers of two: 2 + 1 here), no count for the rows sent together
    assertThat(counts).hasSize(3).contains(Statement.SUCCESS_NO_INFO);
  }

  @Test
  void camundasFlushStoresACommandsRowsAndFailsWhollyOnARefusedOne() {
    insert("multi-row-a", "multi-row-b", "multi-row-c");
    assertThat(stored("multi-row-%")).containsExactly("multi-row-a", "multi-row-b", "multi-row-c");

    // the third row repeats a stored row's id: the database refuses the batch, Camunda fails the command
    assertThatThrownBy(() -> insert("multi-row-d", "multi-row-e", "multi-row-a"))
        .isInstanceOf(ProcessEngineException.class)
        .satisfies(failure -> assertThat(sqlState(failure)).as("unique violation").isEqualTo("23505"));
    assertThat(stored("multi-row-%")).as("nothing of the failed command")
        .containsExactly("multi-row-a", "multi-row-b", "multi-row-c");
  }

  /** Inserts a byte array row per id in one engine command, flushed together as Camunda flushes a command's rows. */
  private void insert(String... ids) {
    engine.getCommandExecutorTxRequired().execute(context -> {
      for (String id : ids) {
        ByteArrayEntity row = new ByteArrayEntity(id, id.getBytes(StandardCharsets.UTF_8), ResourceTypes.RUNTIME);
        row.setId(id);
        context.getDbEntityManager().insert(row);
      }
      return null;
    });
  }

  private List<String> stored(String idPattern) {
    return new JdbcTemplate(dataSource).queryForList(
        "select id_ from act_ge_bytearray where id_ like ? order by id_", String.class, idPattern);
  }

  private static String sqlState(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return null;
  }
}
