package org.liangze.letter;

import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Read-only: where each unit's responsibility letter of a year stands, for the dashboard. */
@Component
public class LetterStatuses {

  private final JdbcClient jdbc;

  LetterStatuses(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Each unit's letter of the year (unit code → status; units without one are absent). */
  public Map<String, LetterStatus> ofYear(int year) {
    Map<String, LetterStatus> statuses = new HashMap<>();
    jdbc.sql("select unit_code, status from letters where letter_year = ?").param(year)
        .query((rs, n) -> statuses.put(rs.getString(1), LetterStatus.valueOf(rs.getString(2)))).list();
    return statuses;
  }
}
