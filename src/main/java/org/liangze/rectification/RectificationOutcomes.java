package org.liangze.rectification;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.liangze.platform.UnitsFilter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Read-only: how the rectifications opened in a period stand, per unit, for the unit scores. */
@Component
public class RectificationOutcomes {

  private final JdbcClient jdbc;

  RectificationOutcomes(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * One rectification: its status, its deadline and, once verified, when.
   *
   * @param verifiedAt null until verified
   */
  public record Outcome(RectificationStatus status, LocalDate deadline, Instant verifiedAt) {

    /** Verified, and no later than its deadline (a day in Beijing time). */
    public boolean verifiedOnTime(java.time.ZoneId zone) {
      return status == RectificationStatus.VERIFIED && verifiedAt != null
          && !verifiedAt.atZone(zone).toLocalDate().isAfter(deadline);
    }
  }

  /** The rectifications opened in [from, to), by unit code (units without any are absent). */
  public Map<String, List<Outcome>> openedBetween(Instant from, Instant to, UnitsFilter units) {
    Map<String, List<Outcome>> outcomes = new HashMap<>();
    if (units.none()) {
      return outcomes;
    }
    jdbc.sql("""
            select unit_code, status, deadline, verified_at from rectifications
             where opened_at >= :from and opened_at < :to""" + units.and("unit_code"))
        .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).params(units.params())
        .query((rs, n) -> {
          Timestamp verified = rs.getTimestamp(4);
          return outcomes.computeIfAbsent(rs.getString(1), unit -> new ArrayList<>()).add(new Outcome(
              RectificationStatus.valueOf(rs.getString(2)), rs.getObject(3, LocalDate.class),
              verified == null ? null : verified.toInstant()));
        }).list();
    return outcomes;
  }
}
