package org.liangze.selfcheck;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.liangze.platform.UnitsFilter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Read-only: where each unit's self-checks stand, for the dashboard and the unit scores. */
@Component
public class SelfCheckStatuses {

  private final JdbcClient jdbc;

  SelfCheckStatuses(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Each unit's self-check of the quarter (unit code → status; units without one are absent). */
  public Map<String, SelfCheckStatus> ofQuarter(String quarter) {
    Map<String, SelfCheckStatus> statuses = new HashMap<>();
    jdbc.sql("select unit_code, status from self_checks where check_quarter = ?").param(quarter)
        .query((rs, n) -> statuses.put(rs.getString(1), SelfCheckStatus.valueOf(rs.getString(2)))).list();
    return statuses;
  }

  /** Each unit's self-checks of these quarters, one status each (units without any are absent). */
  public Map<String, List<SelfCheckStatus>> ofQuarters(Collection<String> quarters, UnitsFilter units) {
    Map<String, List<SelfCheckStatus>> statuses = new HashMap<>();
    if (units.none() || quarters.isEmpty()) {
      return statuses;
    }
    jdbc.sql("select unit_code, status from self_checks where check_quarter in (:quarters)" + units.and("unit_code"))
        .param("quarters", quarters).params(units.params())
        .query((rs, n) -> statuses.computeIfAbsent(rs.getString(1), unit -> new ArrayList<>())
            .add(SelfCheckStatus.valueOf(rs.getString(2)))).list();
    return statuses;
  }
}
