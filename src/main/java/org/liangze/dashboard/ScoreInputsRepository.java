package org.liangze.dashboard;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Counts a unit's records of a period for the score formula: plain SQL over the platform's own tables. */
@Repository
class ScoreInputsRepository {

  private static final List<String> COMPLETED_SELF_CHECK = List.of("REVIEWING", "RECTIFYING", "ACCEPTED", "RECTIFIED");

  private final JdbcClient jdbc;

  ScoreInputsRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  ScoreInputs of(String unitCode, Period period) {
    Timestamp from = Timestamp.from(period.start());
    Timestamp to = Timestamp.from(period.end());

    Set<String> late = new HashSet<>(jdbc.sql("""
            select distinct task_id from escalation_steps
             where unit_code = :unit and level = 'OVERDUE' and due_at >= :from and due_at < :to""")
        .param("unit", unitCode).param("from", from).param("to", to).query(String.class).list());
    long onTime = 0;
    for (Completion completion : jdbc.sql("""
            select task_id, late_reason from record_entries
             where unit_code = :unit and kind = 'TASK_COMPLETED' and occurred_at >= :from and occurred_at < :to""")
        .param("unit", unitCode).param("from", from).param("to", to)
        .query((rs, n) -> new Completion(rs.getString(1), rs.getString(2))).list()) {
      boolean hasReason = completion.lateReason() != null && !completion.lateReason().isBlank();
      if (hasReason) {
        late.add(completion.taskId() == null ? "entry:" + late.size() : completion.taskId());
      } else if (completion.taskId() == null || !late.contains(completion.taskId())) {
        onTime++;
      }
    }

    List<String> selfCheckStatuses = jdbc.sql(
            "select status from self_checks where unit_code = :unit and check_quarter in (:quarters)")
        .param("unit", unitCode).param("quarters", period.quarters()).query(String.class).list();
    long selfChecksCompleted = selfCheckStatuses.stream().filter(COMPLETED_SELF_CHECK::contains).count();

    List<Rect> rects = jdbc.sql("""
            select status, deadline, verified_at from rectifications
             where unit_code = :unit and opened_at >= :from and opened_at < :to""")
        .param("unit", unitCode).param("from", from).param("to", to)
        .query((rs, n) -> new Rect(rs.getString(1), rs.getObject(2, LocalDate.class),
            rs.getTimestamp(3))).list();
    long verified = rects.stream().filter(r -> "VERIFIED".equals(r.status())).count();
    long onTimeRects = rects.stream().filter(r -> "VERIFIED".equals(r.status()) && r.verifiedAt() != null
        && !r.verifiedAt().toInstant().atZone(Period.BEIJING).toLocalDate().isAfter(r.deadline())).count();

    long manual = count("""
        select count(*) from record_entries
         where unit_code = :unit and kind <> 'TASK_COMPLETED' and occurred_at >= :from and occurred_at < :to""",
        unitCode, from, to);
    long withEvidence = count("""
        select count(*) from record_entries
         where unit_code = :unit and kind <> 'TASK_COMPLETED' and occurred_at >= :from and occurred_at < :to
           and evidence is not null and evidence <> ''""", unitCode, from, to);
    long talks = count("""
        select count(*) from record_entries
         where unit_code = :unit and kind = 'TALK' and occurred_at >= :from and occurred_at < :to""",
        unitCode, from, to);
    long cases = count("""
        select count(*) from accountability_requests
         where unit_code = :unit and requested_at >= :from and requested_at < :to""", unitCode, from, to);
    List<Long> flagged = jdbc.sql("""
            select l.id from list_quality_flags f join responsibility_lists l on l.id = f.list_id
             where l.unit_code = :unit and l.list_year = :year and f.kind = 'COPYING' order by l.id""")
        .param("unit", unitCode).param("year", period.year()).query(Long.class).list();
    long reused = count("""
        select count(distinct mine.content_hash) from evidence_uses mine
         where mine.unit_code = :unit and mine.first_used_at >= :from and mine.first_used_at < :to
           and exists (select 1 from evidence_uses other
                        where other.content_hash = mine.content_hash and other.unit_code <> mine.unit_code)""",
        unitCode, from, to);
    return new ScoreInputs(onTime, late.size(), selfCheckStatuses.size(), selfChecksCompleted, rects.size(),
        verified, onTimeRects, manual, withEvidence, talks, cases, flagged.size(),
        flagged.stream().distinct().toList(), reused);
  }

  /** Accountability cases requested for the unit in the period, for the link behind the figure. */
  List<AccountabilityCase> accountabilityCases(String unitCode, Period period) {
    return jdbc.sql("""
            select id, cause, requested_at, status from accountability_requests
             where unit_code = :unit and requested_at >= :from and requested_at < :to order by requested_at""")
        .param("unit", unitCode).param("from", Timestamp.from(period.start()))
        .param("to", Timestamp.from(period.end()))
        .query((rs, n) -> new AccountabilityCase(rs.getLong(1), rs.getString(2),
            rs.getTimestamp(3).toInstant(), rs.getString(4))).list();
  }

  record AccountabilityCase(long id, String cause, java.time.Instant requestedAt, String status) {
  }

  private long count(String sql, String unit, Timestamp from, Timestamp to) {
    return jdbc.sql(sql).param("unit", unit).param("from", from).param("to", to).query(Long.class).single();
  }

  private record Completion(String taskId, String lateReason) {
  }

  private record Rect(String status, LocalDate deadline, Timestamp verifiedAt) {
  }
}
