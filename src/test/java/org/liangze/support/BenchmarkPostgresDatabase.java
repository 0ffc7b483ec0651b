package org.liangze.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A PostgreSQL 15 server of its own for the benchmark, with durable commits as in production: {@code fsync=on}
 * (zonky starts PostgreSQL with {@code -F}, fsync off; a later {@code -c fsync=on} overrides it) and
 * {@code synchronous_commit=on}, so every commit waits for its WAL to reach the disk. The shared test server keeps
 * whatever settings the tests use.
 *
 * <p>{@code -Dbenchmark.explainMs=N} loads {@code auto_explain}: the plan of every statement slower than N ms, with
 * actual rows and buffers (EXPLAIN (ANALYZE, BUFFERS)), Camunda's own queries included, goes to
 * {@code target/benchmark-postgres/postgresql.log}. It slows every statement a little; leave it off for figures.
 */
public final class BenchmarkPostgresDatabase {

  private static EmbeddedPostgres server;

  private BenchmarkPostgresDatabase() {
  }

  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
            .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        String explainMs = System.getProperty("benchmark.explainMs");
        if (explainMs != null) {
          builder.setServerConfig("shared_preload_libraries", "auto_explain")
              .setServerConfig("auto_explain.log_min_duration", explainMs)
              .setServerConfig("auto_explain.log_analyze", "on")
              .setServerConfig("auto_explain.log_buffers", "on")
              .setServerConfig("auto_explain.log_timing", "off")
              .setServerConfig("logging_collector", "on")
              .setServerConfig("log_directory", java.nio.file.Path.of("target", "benchmark-postgres")
                  .toAbsolutePath().toString())
              .setServerConfig("log_filename", "postgresql.log");
        }
        server = builder.start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.close();
        } catch (IOException ignored) {
          // the JVM is going away
        }
      }));
    }
    return server;
  }

  /** Points the Spring context's datasource at the benchmark server's {@code postgres} database. */
  public static void register(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> server().getJdbcUrl("postgres", "postgres"));
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }
}
