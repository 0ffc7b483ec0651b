package org.liangze.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Rows that features add beside the engine's work — a new task's notice and unit, a unit's score mark — written as
 * one JDBC batch per statement just before the transaction commits, instead of a round trip each as they arise: a
 * campaign's batch job creates a task, a notice and a mark for each of its units. The rows are part of the same
 * transaction (they commit and roll back with it), written after the engine's own flush, and nobody reads them before
 * the commit.
 *
 * <p>Each row has a key, so that it can still be replaced or dropped before it is written, by the same
 * transaction (a task created and deleted in one command leaves no row). Outside a transaction a row is inserted at
 * once.
 */
@Component
public class InsertsAtCommit {

  private final JdbcTemplate jdbc;
  /** This transaction's rows to write: statement → row key → arguments. */
  private final TransactionBound<Map<String, Map<Object, Object[]>>> perTransaction =
      new TransactionBound<>(LinkedHashMap::new, this::write);

  InsertsAtCommit(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Inserts a row with {@code sql} as the transaction commits (at once outside a transaction); a pending row of the
   * key is replaced.
   */
  public void insert(String sql, Object key, Object... arguments) {
    Map<String, Map<Object, Object[]>> pending = pending(true);
    if (pending == null) {
      jdbc.update(sql, arguments);
      return;
    }
    pending.computeIfAbsent(sql, statement -> new LinkedHashMap<>()).put(key, arguments);
  }

  /** Whether this transaction has a row of the key still to write. */
  public boolean pending(String sql, Object key) {
    Map<Object, Object[]> rows = rows(sql);
    return rows != null && rows.containsKey(key);
  }

  /** Replaces the pending row of the key; false when this transaction has none (it may be stored already). */
  public boolean replace(String sql, Object key, Object... arguments) {
    Map<Object, Object[]> rows = rows(sql);
    if (rows == null || !rows.containsKey(key)) {
      return false;
    }
    rows.put(key, arguments);
    return true;
  }

  /** Drops the pending row of the key; false when this transaction has none (it may be stored already). */
  public boolean discard(String sql, Object key) {
    Map<Object, Object[]> rows = rows(sql);
    return rows != null && rows.remove(key) != null;
  }

  private Map<Object, Object[]> rows(String sql) {
    Map<String, Map<Object, Object[]>> pending = pending(false);
    return pending == null ? null : pending.get(sql);
  }

  private Map<String, Map<Object, Object[]>> pending(boolean create) {
    return perTransaction.get(create);
  }

  private void write(Map<String, Map<Object, Object[]>> pending) {
    pending.forEach((sql, rows) -> {
      if (!rows.isEmpty()) {
        jdbc.batchUpdate(sql, new ArrayList<>(rows.values()));
      }
    });
    pending.clear();
  }

  /** The rows this transaction will insert with {@code sql} (tests). */
  List<Object[]> pendingRows(String sql) {
    Map<Object, Object[]> rows = rows(sql);
    return rows == null ? List.of() : List.copyOf(rows.values());
  }
}
