package org.liangze.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A PostgreSQL 15 server of its own for the benchmark, with durable commits as in production: {@code fsync=on}
 * (zonky starts PostgreSQL with {@code -F}, fsync off; a later {@code -c fsync=on} overrides it) and
 * {@code synchronous_commit=on}, so every commit waits for its WAL to reach the disk. The shared test server keeps
 * whatever settings the tests use. Its database {@code liangze} is set up with the two roles of production, like
 * {@link EmbeddedPostgresDatabase}'s: the owner role migrates, the application connects as the runtime role.
 *
 * <p>{@code -Dbenchmark.explainMs=N} loads {@code auto_explain}: the plan of every statement slower than N ms, with
 * actual rows and buffers (EXPLAIN (ANALYZE, BUFFERS)), Camunda's own queries included, goes to
 * {@code target/benchmark-postgres/postgresql.log}. It slows every statement a little; leave it off for figures.
 *
 * <p>{@code -Dbenchmark.statements=true} loads {@code pg_stat_statements} with planning tracked: the benchmark then
 * prints what each statement of a measured series cost the server, planning and execution apart ({@link #STATEMENTS}).
 */
public final class BenchmarkPostgresDatabase {

  static final String DATABASE = "liangze";
  /** Whether the server keeps {@code pg_stat_statements} ({@code -Dbenchmark.statements=true}). */
  public static final boolean STATEMENTS = Boolean.getBoolean("benchmark.statements");

  private static EmbeddedPostgres server;

  private BenchmarkPostgresDatabase() {
  }

  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setRegisterShutdownHook(false)
            .setLocaleConfig(EmbeddedPostgresDatabase.COLLATION_OPTION, EmbeddedPostgresDatabase.COLLATION)
            .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        String explainMs = System.getProperty("benchmark.explainMs");
        List<String> preload = new ArrayList<>();
        if (STATEMENTS) {
          preload.add("pg_stat_statements");
          builder.setServerConfig("pg_stat_statements.track_planning", "on");
        }
        if (explainMs != null) {
          preload.add("auto_explain");
        }
        if (!preload.isEmpty()) {
          builder.setServerConfig("shared_preload_libraries", String.join(",", preload));
        }
        if (explainMs != null) {
          builder.setServerConfig("auto_explain.log_min_duration", explainMs)
              .setServerConfig("auto_explain.log_analyze", "on")
              .setServerConfig("auto_explain.log_buffers", "on")
              .setServerConfig("auto_explain.log_timing", "off")
              .setServerConfig("logging_collector", "on")
              .setServerConfig("log_directory", java.nio.file.Path.of("target", "benchmark-postgres")
                  .toAbsolutePath().toString())
              .setServerConfig("log_filename", "postgresql.log");
        }
        server = builder.start();
        EmbeddedPostgresDatabase.createRoles(server);
        EmbeddedPostgresDatabase.createDatabase(server, DATABASE);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      // stopped after the Spring contexts on it are closed, not beside them: a JVM runs its shutdown hooks at once,
      // and a context closing on a stopped server waited for a connection (Camunda's last metrics report) until
      // Surefire killed the JVM 30 s after the tests
      org.springframework.boot.SpringApplication.getShutdownHandlers().add(() -> {
        try {
          server.close();
        } catch (IOException ignored) {
          // the JVM is going away
        }
      });
    }
    return server;
  }

  /** Points the Spring context at the benchmark server's {@code liangze} database, the production way. */
  public static void register(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry, EmbeddedPostgresDatabase.url(server(), DATABASE));
  }

  /**
   * The superuser on the benchmark's database: what the application's role may not do (ANALYZE Camunda's tables,
   * create the stock engine's database).
   */
  public static JdbcTemplate superuser() {
    return new JdbcTemplate(EmbeddedPostgresDatabase.superuserDataSource(
        EmbeddedPostgresDatabase.url(server(), DATABASE)));
  }
}
