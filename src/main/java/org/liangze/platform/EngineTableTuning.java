package org.liangze.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tunes Camunda's own tables after the engine has created or updated them. This cannot be a Flyway migration: the
 * ACT_* tables are created by the engine's schema update, which runs after Flyway ({@link EngineAfterMigrations}),
 * so on a fresh database they do not exist yet when the migrations run. Every statement is idempotent and runs at
 * every start (after the engine is built, before it serves anything).
 *
 * <ul>
 *   <li>PostgreSQL: autovacuum and autoanalyze thresholds of the busy runtime tables as a small fixed number of
 *       changed rows plus 2 % (analyze) / 5 % (vacuum) of the table instead of PostgreSQL's 50 rows + 10 % / 20 %.
 *       After a campaign creates thousands of rows at once the planner otherwise keeps plans for the small tables of
 *       yesterday: DESIGN §5 measured Camunda's candidate-group task query going from milliseconds to seconds on
 *       stale statistics. Vacuum also keeps the visibility map current, which index-only scans need.</li>
 *   <li>An index on {@code ACT_RU_TASK.DUE_DATE_} (Camunda has none) for the overdue queries, the Tasklist
 *       overdue filters and the escalation patrol, which all select open tasks by due date.</li>
 * </ul>
 */
@Component
class EngineTableTuning extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(EngineTableTuning.class);

  /** The runtime tables every campaign, task and job writes to. */
  static final List<String> BUSY_TABLES = List.of("act_ru_task", "act_ru_identitylink", "act_ru_execution",
      "act_ru_variable", "act_ru_job", "act_ru_authorization", "act_ru_event_subscr", "act_ge_bytearray");

  static final String AUTOVACUUM = "autovacuum_analyze_threshold = 500, autovacuum_analyze_scale_factor = 0.02, "
      + "autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_scale_factor = 0.05";

  static final String DUE_DATE_INDEX = "create index if not exists LZ_IDX_TASK_DUE_DATE on ACT_RU_TASK (DUE_DATE_)";

  private final DataSource dataSource;

  EngineTableTuning(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(DUE_DATE_INDEX);
      if ("PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
        for (String table : BUSY_TABLES) {
          statement.execute("alter table " + table + " set (" + AUTOVACUUM + ")");
        }
        LOG.info("Autovacuum/analyze thresholds set on {}", BUSY_TABLES);
      }
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    } catch (SQLException e) {
      // the platform works without the tuning, only slower at scale: say so rather than refuse to start
      LOG.warn("Could not tune Camunda's tables (index on ACT_RU_TASK.DUE_DATE_, autovacuum thresholds)", e);
    }
  }
}
