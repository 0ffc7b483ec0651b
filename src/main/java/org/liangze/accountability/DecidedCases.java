package org.liangze.accountability;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
        .params(unitCodes == null ? Map.of() : Map.of("units", unitCodes))
        .query((rs, n) -> new DecidedCase(rs.getLong(1), rs.getString(2), rs.getString(3),
            CaseSource.valueOf(rs.getString(4)), Math.max(1, Math.min(4, rs.getInt(5))),
            rs.getTimestamp(6).toInstant()))
        .list();
  }

  /**
   * Decided measures of these units by the form (of the four forms) they belong to, every form present (1–4, zero
   * where none); an overridden measure counts under the form of the measure proposed for it, and a decision without
   * a form (不予问责, 免予问责, a referral) under none.
   */
  public Map<Integer, Integer> measuresByForm(Collection<String> unitCodes) {
    Map<Integer, Integer> counts = new TreeMap<>();
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
             where m.decision is not null and m.proposed_form between 1 and 4
             group by c.unit_code, m.proposed_form""")
        .query((rs, n) -> wanted.contains(rs.getString(1)) ? counts.merge(rs.getInt(2), rs.getInt(3), Integer::sum) : 0)
        .list();
    return counts;
  }
}
