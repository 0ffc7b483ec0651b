package org.liangze.dashboard;

import java.sql.Timestamp;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.liangze.escalation.EscalationVariables;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Campaign progress and the burden on each unit, read with plain SQL (the platform's and Camunda's history tables). */
@Repository
class DashboardRepository {

  /** Variables the platform sets by itself: not fields a person filled in. */
  private static final List<String> ENGINE_VARIABLES = List.of(EscalationVariables.OVERDUE,
      EscalationVariables.WARNING_LEVEL, EscalationVariables.TASK_OVERDUE);

  private final JdbcClient jdbc;

  DashboardRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Each unit's letter status of the year (unit code → status). */
  Map<String, String> letterStatuses(int year) {
    Map<String, String> statuses = new HashMap<>();
    jdbc.sql("select unit_code, status from letters where letter_year = ?").param(year)
        .query((rs, n) -> statuses.put(rs.getString(1), rs.getString(2))).list();
    return statuses;
  }

  /**
   * Decided accountability measures of these units by the form (of the four forms) they belong to; an overridden
   * measure counts under the form of the measure proposed for it.
   */
  Map<Integer, Integer> measuresByForm(java.util.Collection<String> unitCodes) {
    Map<Integer, Integer> counts = new java.util.TreeMap<>();
    for (int form = 1; form <= 4; form++) {
      counts.put(form, 0);
    }
    if (unitCodes.isEmpty()) {
      return counts;
    }
    // grouped by unit and filtered here: a city's 10,000 codes as bind parameters cost more than the rows
    Set<String> wanted = unitCodes instanceof Set<String> set ? set : new HashSet<>(unitCodes);
    jdbc.sql("""
            select c.unit_code, m.proposed_form, count(*) from case_measures m
              join accountability_cases c on c.id = m.case_id
             where m.decision is not null
             group by c.unit_code, m.proposed_form""")
        .query((rs, n) -> wanted.contains(rs.getString(1)) ? counts.merge(rs.getInt(2), rs.getInt(3), Integer::sum) : 0)
        .list();
    return counts;
  }

  /** Each unit's self-check status of the quarter (unit code → status). */
  Map<String, String> selfCheckStatuses(String quarter) {
    Map<String, String> statuses = new HashMap<>();
    jdbc.sql("select unit_code, status from self_checks where check_quarter = ?").param(quarter)
        .query((rs, n) -> statuses.put(rs.getString(1), rs.getString(2))).list();
    return statuses;
  }

  /**
   * What each unit's people spent on the period's tasks (unit code → burden; units without completed tasks are
   * absent): the tasks the record manual attributes to the unit (completed-task entries), their time from open to
   * done (Camunda's historic task instances) and the fields filled (variables a person set on completing them:
   * historic variable updates of the task or its activity instance). Two grouped queries for the district rather than
   * two per unit.
   */
  Map<String, Burden> burdens(Period period) {
    String tasksOfUnits = """
        select distinct unit_code, task_id from record_entries
         where kind = 'TASK_COMPLETED' and task_id is not null and occurred_at >= :from and occurred_at < :to""";
    Timestamp from = Timestamp.from(period.start());
    Timestamp to = Timestamp.from(period.end());
    Map<String, Burden> burdens = new HashMap<>();
    jdbc.sql("select r.unit_code, count(*), coalesce(sum(t.DURATION_), 0) from ACT_HI_TASKINST t join ("
            + tasksOfUnits + ") r on r.task_id = t.ID_ group by r.unit_code")
        .param("from", from).param("to", to)
        .query((rs, n) -> burdens.put(rs.getString(1), new Burden(rs.getLong(2), rs.getLong(3), 0))).list();
    jdbc.sql("""
            select f.unit_code, count(*) from (
              select distinct r.unit_code, t.ID_, d.NAME_ from ACT_HI_TASKINST t
                join (""" + tasksOfUnits + """
            ) r on r.task_id = t.ID_
                join ACT_HI_DETAIL d on (d.TASK_ID_ = t.ID_ or d.ACT_INST_ID_ = t.ACT_INST_ID_)
               where d.TYPE_ = 'VariableUpdate' and d.NAME_ not in (:engine)) f
             group by f.unit_code""")
        .param("from", from).param("to", to).param("engine", ENGINE_VARIABLES)
        .query((rs, n) -> {
          long fields = rs.getLong(2);
          return burdens.compute(rs.getString(1), (unit, time) -> time == null
              ? new Burden(0, 0, fields) : new Burden(time.tasks(), time.millis(), fields));
        }).list();
    return burdens;
  }

  /**
   * Each unit's number of record-manual entries (unit code → count), read from the chain heads: entries are
   * append-only (the database refuses deletes) and numbered 1, 2, … under a lock on the unit, so the last sequence
   * number is the count, without counting a million rows per view.
   */
  Map<String, Integer> recordEntryCounts() {
    Map<String, Integer> counts = new HashMap<>();
    jdbc.sql("select unit_code, last_seq from record_chain_heads")
        .query((rs, n) -> counts.put(rs.getString(1), (int) rs.getLong(2))).list();
    return counts;
  }

  record Burden(long tasks, long millis, long fields) {
    static final Burden NONE = new Burden(0, 0, 0);

    double minutes() {
      return Math.round(millis / 6_000.0) / 10.0;
    }
  }
}
