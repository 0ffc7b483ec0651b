package org.liangze.benchmark;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.liangze.support.BenchmarkPostgresDatabase;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.liangze.support.PlatformNode;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code -Dbenchmark.nodes=2}: a second platform node in a JVM of its own (as {@code NodeCrashTest} starts them), on
 * the benchmark's database with the production settings, whose job executor shares the campaign's and the patrol's
 * jobs with the benchmark's own engine. Each engine names itself in Camunda's job log ({@link #FIRST},
 * {@link #SECOND}), so the benchmark can say which node ran which job, and that none ran twice.
 */
final class SecondNode implements AutoCloseable {

  /** The benchmark JVM's engine, as the job log names it. */
  static final String FIRST = "node-1";
  static final String SECOND = "node-2";
  /** New-task notices are recorded but not sent during the benchmark, on either node. */
  static final String NOTICES_CYCLE = "R/P3650D";

  private final PlatformNode node;
  private final JdbcTemplate jdbc;
  private final Timestamp since;
  private final Duration cpuAtStart;

  private SecondNode(PlatformNode node, JdbcTemplate jdbc, Timestamp since) {
    this.node = node;
    this.jdbc = jdbc;
    this.since = since;
    this.cpuAtStart = node.cpuTime();
  }

  /** Starts the second node and waits until it is ready; its job executor runs from then on. */
  static SecondNode start(JdbcTemplate jdbc) {
    PlatformNode node = PlatformNode.start(SECOND,
        Map.of("POSTGRES_URL", EmbeddedPostgresDatabase.url(BenchmarkPostgresDatabase.server(), "liangze"),
            "POSTGRES_USER", EmbeddedPostgresDatabase.RUNTIME, "POSTGRES_PASSWORD", EmbeddedPostgresDatabase.PASSWORD,
            "POSTGRES_OWNER_USER", EmbeddedPostgresDatabase.OWNER,
            "POSTGRES_OWNER_PASSWORD", EmbeddedPostgresDatabase.PASSWORD,
            "LIANGZE_ADMIN_PASSWORD", "benchmark-admin-pw"),
        List.of("--spring.profiles.active=postgres",
            "--camunda.bpm.generic-properties.properties.hostname=" + SECOND,
            "--camunda.bpm.job-execution.enabled=true",
            "--liangze.notifications.task-created-cycle=" + NOTICES_CYCLE));
    try {
      node.awaitReady(Duration.ofMinutes(5));
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
    return new SecondNode(node, jdbc, jdbc.queryForObject("select clock_timestamp()", Timestamp.class));
  }

  /** The CPU the second node's JVM used since it was ready. */
  long cpuNanos() {
    return node.cpuTime().minus(cpuAtStart).toNanos();
  }

  /** Jobs each node ran to completion since the second node was ready (job log state 2: successful). */
  Map<String, Long> jobsByNode() {
    Map<String, Long> jobs = new LinkedHashMap<>(Map.of(FIRST, 0L, SECOND, 0L));
    jdbc.query("select hostname_, count(*) from act_hi_job_log where job_state_ = 2 and timestamp_ >= ?"
        + " group by hostname_ order by hostname_", rs -> {
          jobs.put(rs.getString(1), rs.getLong(2));
        }, since);
    return jobs;
  }

  /** Jobs that completed more than once since the second node was ready: none, if the nodes share work safely. */
  long jobsRunTwice() {
    return jdbc.queryForObject("""
        select count(*) from (select job_id_ from act_hi_job_log where job_state_ = 2 and timestamp_ >= ?
         group by job_id_ having count(*) > 1) twice""", Long.class, since);
  }

  /** "node-1 512 / node-2 508 jobs, 0 run twice", for the report. */
  String summary() {
    Map<String, Long> jobs = jobsByNode();
    return FIRST + " " + jobs.get(FIRST) + " / " + SECOND + " " + jobs.get(SECOND) + " jobs, " + jobsRunTwice()
        + " run twice";
  }

  @Override
  public void close() {
    node.close();
  }
}
