package org.liangze.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Tunes Camunda's own tables after the engine has created or updated them. This cannot be a Flyway migration: the
 * ACT_* tables are created by the engine's schema update, which runs after Flyway ({@link EngineAfterMigrations}),
 * so on a fresh database they do not exist yet when the migrations run. Every statement is idempotent and runs at
 * every start, after the engine is built.
 *
 * <ul>
 *   <li>Indexes Camunda lacks, each shown necessary by EXPLAIN in the district-scale benchmark (docs/performance.md):
 *       {@code ACT_RU_TASK.DUE_DATE_} for the overdue queries and the escalation patrol, and
 *       {@code ACT_RU_AUTHORIZATION.USER_ID_}, without which every authorized task query (Tasklist's list and count)
 *       reads the whole authorization table to find the viewer's grants ({@code USER_ID_ in (?, '*') or GROUP_ID_ in
 *       (…)}: Camunda indexes the group, and the user only behind {@code TYPE_}); on PostgreSQL a partial index of
 *       the suspended tasks, which the overdue report subtracts from {@code open_task_units}.</li>
 *   <li>PostgreSQL: autovacuum/analyze thresholds of the busy runtime tables, a small fixed number of changed rows
 *       plus 2 % (analyze) / 5 % (vacuum) of the table instead of PostgreSQL's 50 + 10 % / 20 %.</li>
 *   <li>PostgreSQL: a statistics check every {@code liangze.database.analyze-check} (default 10 s) that analyses a busy
 *       table once more than 500 rows and 10 % of it changed since its last analysis. Autovacuum looks only once a
 *       minute ({@code autovacuum_naptime}) and then works through every table in turn; after a campaign creates
 *       thousands of tasks at once, the planner meanwhile plans Camunda's candidate-group task query for the small
 *       table of before (DESIGN §5: milliseconds became seconds). {@code ANALYZE (SKIP_LOCKED)} on several nodes at
 *       once is harmless: whoever comes second skips.</li>
 * </ul>
 */
@Component
class EngineTableTuning extends AbstractProcessEnginePlugin implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(EngineTableTuning.class);

  /** The runtime tables every campaign, task and job writes to. */
  static final List<String> BUSY_TABLES = List.of("act_ru_task", "act_ru_identitylink", "act_ru_execution",
      "act_ru_variable", "act_ru_job", "act_ru_authorization", "act_ru_event_subscr", "act_ge_bytearray");

  static final String AUTOVACUUM = "autovacuum_analyze_threshold = 500, autovacuum_analyze_scale_factor = 0.02, "
      + "autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_scale_factor = 0.05";

  static final List<String> INDEXES = List.of(
      "create index if not exists LZ_IDX_TASK_DUE_DATE on ACT_RU_TASK (DUE_DATE_)",
      "create index if not exists LZ_IDX_AUTH_USER_ID on ACT_RU_AUTHORIZATION (USER_ID_)");

  /**
   * PostgreSQL only: the partial index of the unitCode variables that a unit's overdue page once used. The page
   * reads open_task_units now; the index would only cost every unitCode write, so databases that have it lose it.
   */
  static final String RETIRED_UNIT_CODE_INDEX = "drop index if exists LZ_IDX_VAR_UNIT_CODE";

  /**
   * PostgreSQL only: the suspended tasks (usually none), which the overdue report subtracts from open_task_units
   * without reading all of ACT_RU_TASK.
   */
  static final String SUSPENDED_TASK_INDEX = "create index if not exists LZ_IDX_TASK_SUSPENDED on ACT_RU_TASK (ID_) "
      + "where SUSPENSION_STATE_ <> 1";

  private static final String STALE = """
      select relname from pg_stat_user_tables
       where relname in (%s) and n_mod_since_analyze > 500 and n_mod_since_analyze > 0.1 * n_live_tup"""
      .formatted(String.join(", ", BUSY_TABLES.stream().map(t -> "'" + t + "'").toList()));

  private final DataSource dataSource;
  private final Duration analyzeCheck;
  private ScheduledExecutorService checker;

  EngineTableTuning(DataSource dataSource,
      @Value("${liangze.database.analyze-check:10s}") Duration analyzeCheck) {
    this.dataSource = dataSource;
    this.analyzeCheck = analyzeCheck;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    boolean postgres = false;
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      for (String index : INDEXES) {
        statement.execute(index);
      }
      postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
      if (postgres) {
        statement.execute(RETIRED_UNIT_CODE_INDEX);
        statement.execute(SUSPENDED_TASK_INDEX);
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
      LOG.warn("Could not tune Camunda's tables (indexes, autovacuum thresholds)", e);
    }
    if (postgres && !analyzeCheck.isZero() && !analyzeCheck.isNegative()) {
      checker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "analyze-check");
        thread.setDaemon(true);
        return thread;
      });
      checker.scheduleWithFixedDelay(this::analyzeStaleTables, analyzeCheck.toMillis(), analyzeCheck.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  /** Analyses the busy tables whose statistics lag behind their contents. */
  void analyzeStaleTables() {
    try {
      JdbcTemplate jdbc = new JdbcTemplate(dataSource);
      for (String table : jdbc.queryForList(STALE, String.class)) {
        long start = System.nanoTime();
        jdbc.execute("analyze (skip_locked) " + table);
        LOG.debug("Analysed {} in {} ms", table, (System.nanoTime() - start) / 1_000_000);
      }
    } catch (RuntimeException e) {
      // a lost connection or a shutting-down pool: the next check tries again
      LOG.debug("Statistics check failed", e);
    }
  }

  @Override
  public void destroy() {
    if (checker != null) {
      checker.shutdownNow();
    }
  }
}
