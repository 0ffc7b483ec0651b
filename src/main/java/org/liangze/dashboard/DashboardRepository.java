package org.liangze.dashboard;

import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    jdbc.sql("""
            select m.proposed_form, count(*) from case_measures m join accountability_cases c on c.id = m.case_id
             where m.decision is not null and c.unit_code in (:units)
             group by m.proposed_form""")
        .param("units", unitCodes)
        .query((rs, n) -> counts.put(rs.getInt(1), rs.getInt(2))).list();
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
   * What the unit's people spent on the period's tasks: the tasks the record manual attributes to the unit
   * (completed-task entries), their time from open to done (Camunda's historic task instances) and the fields filled
   * (variables a person set on completing them: historic variable updates of the task or its activity instance).
   */
  Burden burden(String unitCode, Period period) {
    String tasksOfUnit = """
        select task_id from record_entries
         where unit_code = :unit and kind = 'TASK_COMPLETED' and task_id is not null
           and occurred_at >= :from and occurred_at < :to""";
    Timestamp from = Timestamp.from(period.start());
    Timestamp to = Timestamp.from(period.end());
    Burden time = jdbc.sql("select count(*), coalesce(sum(t.DURATION_), 0) from ACT_HI_TASKINST t where t.ID_ in ("
            + tasksOfUnit + ")")
        .param("unit", unitCode).param("from", from).param("to", to)
        .query((rs, n) -> new Burden(rs.getLong(1), rs.getLong(2), 0)).single();
    long fields = jdbc.sql("""
            select count(*) from (
              select distinct t.ID_, d.NAME_ from ACT_HI_TASKINST t
                join ACT_HI_DETAIL d on (d.TASK_ID_ = t.ID_ or d.ACT_INST_ID_ = t.ACT_INST_ID_)
               where d.TYPE_ = 'VariableUpdate' and d.NAME_ not in (:engine) and t.ID_ in (""" + tasksOfUnit + ")) f")
        .param("unit", unitCode).param("from", from).param("to", to).param("engine", ENGINE_VARIABLES)
        .query(Long.class).single();
    return new Burden(time.tasks(), time.millis(), fields);
  }

  int recordEntries(String unitCode) {
    return jdbc.sql("select count(*) from record_entries where unit_code = ?").param(unitCode).query(Integer.class)
        .single();
  }

  record Burden(long tasks, long millis, long fields) {
    double minutes() {
      return Math.round(millis / 6_000.0) / 10.0;
    }
  }
}
