package org.liangze.accountability;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Read-only: accountability cases whose measures have been decided, whatever the case's source (escalation, failed
 * review, complaint, inspection), for the unit scores. A case closed at verification (dismissed or unfounded) has no
 * decided measure and is not among them; nor is a measure decided as 不予问责 or 免予问责.
 */
@Service
public class DecidedCases {

  private static final List<String> NO_MEASURE = List.of("不予问责", "免予问责");

  private final JdbcClient jdbc;

  DecidedCases(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A case with decided measures.
   *
   * @param heaviestForm the heaviest of the four forms (1–4) among its decided measures (an overridden measure counts
   *     under the form of the measure proposed for it)
   * @param decidedAt when its last measure was decided
   */
  public record DecidedCase(long caseId, String unitCode, String cause, CaseSource source, int heaviestForm,
      Instant decidedAt) {
  }

  /** The cases whose last measure was decided in [from, to), of these units (null: every unit). */
  public List<DecidedCase> decidedBetween(Instant from, Instant to, Collection<String> unitCodes) {
    if (unitCodes != null && unitCodes.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
            select c.id, c.unit_code, c.cause, c.source, max(m.proposed_form), max(m.decided_at)
              from accountability_cases c join case_measures m on m.case_id = c.id
             where m.decision is not null and m.decided_at is not null
               and (m.final_measure is null or m.final_measure not in (:none))"""
            + (unitCodes == null ? "" : " and c.unit_code in (:units)") + """

             group by c.id, c.unit_code, c.cause, c.source
            having max(m.decided_at) >= :from and max(m.decided_at) < :to
             order by max(m.decided_at), c.id""")
        .param("none", NO_MEASURE).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
        .params(unitCodes == null ? java.util.Map.of() : java.util.Map.of("units", unitCodes))
        .query((rs, n) -> new DecidedCase(rs.getLong(1), rs.getString(2), rs.getString(3),
            CaseSource.valueOf(rs.getString(4)), Math.max(1, Math.min(4, rs.getInt(5))),
            rs.getTimestamp(6).toInstant()))
        .list();
  }
}
