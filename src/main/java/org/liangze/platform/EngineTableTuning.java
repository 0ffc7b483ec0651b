package org.liangze.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
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
 * PostgreSQL: a statistics check of Camunda's busy tables every {@code liangze.database.analyze-check} (default 10 s),
 * started once the engine is built. It calls {@code lz_analyze_stale_tables()} (Flyway V24), which analyses a busy
 * table once more than 500 rows and 10 % of it changed since its last analysis. Autovacuum looks only once a minute
 * ({@code autovacuum_naptime}) and then works through every table in turn; after a campaign creates thousands of
 * tasks at once, the planner meanwhile plans Camunda's candidate-group task query for the small table of before
 * (DESIGN §5: milliseconds became seconds). {@code ANALYZE (SKIP_LOCKED)} on several nodes at once is harmless:
 * whoever comes second skips.
 *
 * <p>The rest of the tuning — the indexes Camunda lacks and the busy tables' autovacuum thresholds — is in the
 * migrations (V23, V24): it takes the tables' owner, and the application's runtime role owns nothing (README
 * "Database roles"). So does ANALYZE, hence the function, which runs with its owner's rights.
 */
@Component
class EngineTableTuning extends AbstractProcessEnginePlugin implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(EngineTableTuning.class);

  static final String ANALYZE_STALE = "select lz_analyze_stale_tables()";

  private final DataSource dataSource;
  private final JdbcTemplate jdbc;
  private final Duration analyzeCheck;
  private ScheduledExecutorService checker;

  EngineTableTuning(DataSource dataSource,
      @Value("${liangze.database.analyze-check:10s}") Duration analyzeCheck) {
    this.dataSource = dataSource;
    this.jdbc = new JdbcTemplate(dataSource);
    this.analyzeCheck = analyzeCheck;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    boolean postgres;
    try (Connection connection = dataSource.getConnection()) {
      postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
    } catch (SQLException e) {
      LOG.warn("Could not tell the database; no statistics check", e);
      return;
    }
    if (postgres) {
      warnOfCollation(jdbc.queryForObject(
          "select datcollate from pg_database where datname = current_database()", String.class));
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

  /**
   * Whether PostgreSQL compares text in this collation byte by byte: only "C" and "POSIX" (not "C.UTF-8", which
   * PostgreSQL 15 compares through the C library like any locale).
   */
  static boolean comparesBytes(String collation) {
    return "C".equals(collation) || "POSIX".equals(collation);
  }

  private static void warnOfCollation(String collation) {
    if (!comparesBytes(collation)) {
      LOG.warn("The database compares text in the collation {}: every comparison of Camunda's ids, keys and group "
          + "names goes through that locale, which is slower. "
          + "Create the database with LC_COLLATE 'C' (README \"PostgreSQL: collation\").", collation);
    }
  }

  /** Analyses the busy tables whose statistics lag behind their contents. */
  void analyzeStaleTables() {
    try {
      long start = System.nanoTime();
      var analysed = jdbc.queryForList(ANALYZE_STALE, String.class);
      if (!analysed.isEmpty()) {
        LOG.debug("Analysed {} in {} ms", analysed, (System.nanoTime() - start) / 1_000_000);
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
