package org.liangze.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a launch wrote, table by table: every table of the database's {@code public} schema counted exactly before and
 * after (outside the timed window), so the platform's rows per unit can be set beside stock Camunda's on the same
 * model. Counts, not PostgreSQL's statistics counters: those are flushed by each backend when it likes.
 */
final class RowsWritten {

  private final Map<String, Long> before;

  private RowsWritten(Map<String, Long> before) {
    this.before = before;
  }

  static RowsWritten from(JdbcTemplate jdbc) {
    return new RowsWritten(counts(jdbc));
  }

  /** Rows added per unit since {@link #from}, by table (tables that lost rows show a negative figure). */
  Map<String, Double> perUnit(JdbcTemplate jdbc, int units) {
    Map<String, Long> after = counts(jdbc);
    Map<String, Double> written = new TreeMap<>();
    after.forEach((table, rows) -> {
      long added = rows - before.getOrDefault(table, 0L);
      if (added != 0) {
        written.put(table, (double) added / units);
      }
    });
    return written;
  }

  /** The two engines' rows per unit side by side, "table platform/model", tables the platform alone writes marked. */
  static String compare(Map<String, Double> platform, Map<String, Double> model) {
    TreeSet<String> tables = new TreeSet<>(platform.keySet());
    tables.addAll(model.keySet());
    String each = tables.stream().map(table -> "%s %.1f/%.1f".formatted(table, platform.getOrDefault(table, 0.0),
        model.getOrDefault(table, 0.0))).collect(Collectors.joining(", "));
    return "%.1f/%.1f rows per unit: %s".formatted(sum(platform), sum(model), each);
  }

  /** One engine's rows per unit: "n rows: table x, …". */
  static String describe(Map<String, Double> rows) {
    return "%.1f rows: %s".formatted(sum(rows), rows.entrySet().stream()
        .map(e -> "%s %.1f".formatted(e.getKey(), e.getValue())).collect(Collectors.joining(", ")));
  }

  private static double sum(Map<String, Double> rows) {
    return rows.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  private static Map<String, Long> counts(JdbcTemplate jdbc) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : jdbc.queryForList("select tablename from pg_tables where schemaname = 'public' "
        + "order by tablename", String.class)) {
      counts.put(table, jdbc.queryForObject("select count(*) from \"" + table + "\"", Long.class));
    }
    return counts;
  }
}
