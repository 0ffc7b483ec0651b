package org.liangze.escalation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.liangze.platform.UnitsFilter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Read-only: the tasks the escalation ladder found overdue, per unit, for the unit scores. */
@Component
public class OverdueHistory {

  private final JdbcClient jdbc;

  OverdueHistory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The tasks due in [from, to) that reached {@link EscalationLevel#OVERDUE}, by unit code (units without any are
   * absent), whether done since or not.
   */
  public Map<String, Set<String>> overdueTasks(Instant from, Instant to, UnitsFilter units) {
    Map<String, Set<String>> overdue = new HashMap<>();
    if (units.none()) {
      return overdue;
    }
    jdbc.sql("""
            select distinct unit_code, task_id from escalation_steps
             where level = :level and due_at >= :from and due_at < :to""" + units.and("unit_code"))
        .param("level", EscalationLevel.OVERDUE.name())
        .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).params(units.params())
        .query((rs, n) -> overdue.computeIfAbsent(rs.getString(1), unit -> new HashSet<>()).add(rs.getString(2)))
        .list();
    return overdue;
  }
}
