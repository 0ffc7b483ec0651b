package org.liangze.dashboard;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.liangze.accountability.DecidedCases;
import org.liangze.talk.ProblemSummonsEntries;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Counts a unit's records of a period for the score formula: plain SQL over the platform's own tables. */
@Repository
class ScoreInputsRepository {

  private static final List<String> COMPLETED_SELF_CHECK = List.of("REVIEWING", "RECTIFYING", "ACCEPTED", "RECTIFIED");

  private final JdbcClient jdbc;
  private final DecidedCases decidedCases;
  private final ProblemSummonsEntries summonsEntries;

  ScoreInputsRepository(JdbcClient jdbc, DecidedCases decidedCases, ProblemSummonsEntries summonsEntries) {
    this.jdbc = jdbc;
    this.decidedCases = decidedCases;
    this.summonsEntries = summonsEntries;
  }

  /** Every unit's inputs of the period: see {@link #of(Period, Collection)}. */
  Map<String, ScoreInputs> all(Period period) {
    return of(period, null);
  }

  /**
   * The inputs of the period of these units (null: every unit), by unit code (units without any record are absent:
   * all their figures are zero). A handful of grouped queries for a page of units rather than ten per unit.
   */
  Map<String, ScoreInputs> of(Period period, Collection<String> units) {
    if (units != null && units.isEmpty()) {
      return Map.of();
    }
    Timestamp from = Timestamp.from(period.start());
    Timestamp to = Timestamp.from(period.end());
    Map<String, Tally> tallies = new HashMap<>();
    Map<String, Object> only = units == null ? Map.of() : Map.of("units", units);

    jdbc.sql("""
            select distinct unit_code, task_id from escalation_steps
             where level = 'OVERDUE' and due_at >= :from and due_at < :to""" + in("unit_code", units))
        .param("from", from).param("to", to).params(only)
        .query((rs, n) -> tally(tallies, rs.getString(1)).late.add(rs.getString(2))).list();
    jdbc.sql("""
            select unit_code, task_id, late_reason from record_entries
             where kind = 'TASK_COMPLETED' and occurred_at >= :from and occurred_at < :to""" + in("unit_code", units))
        .param("from", from).param("to", to).params(only)
        .query((rs, n) -> tally(tallies, rs.getString(1)).completions
            .add(new Completion(rs.getString(2), rs.getString(3)))).list();
    jdbc.sql("select unit_code, status from self_checks where check_quarter in (:quarters)" + in("unit_code", units))
        .param("quarters", period.quarters()).params(only)
        .query((rs, n) -> tally(tallies, rs.getString(1)).selfCheckStatuses.add(rs.getString(2))).list();
    jdbc.sql("""
            select unit_code, status, deadline, verified_at from rectifications
             where opened_at >= :from and opened_at < :to""" + in("unit_code", units))
        .param("from", from).param("to", to).params(only)
        .query((rs, n) -> tally(tallies, rs.getString(1)).rects.add(new Rect(rs.getString(2),
            rs.getObject(3, LocalDate.class), rs.getTimestamp(4)))).list();
    jdbc.sql("""
            select unit_code, count(*),
                   sum(case when evidence is not null and evidence <> '' then 1 else 0 end)
              from record_entries
             where kind <> 'TASK_COMPLETED' and occurred_at >= :from and occurred_at < :to"""
            + in("unit_code", units) + " group by unit_code")
        .param("from", from).param("to", to).params(only)
        .query((rs, n) -> {
          Tally tally = tally(tallies, rs.getString(1));
          tally.manual = rs.getLong(2);
          tally.withEvidence = rs.getLong(3);
          return null;
        }).list();
    // a problem summons is recorded as a talk of the summoned unit, but is no talk credit
    Map<String, Set<Long>> summons = summonsEntries.recordSeqsByUnit();
    jdbc.sql("""
            select unit_code, seq from record_entries
             where kind = 'TALK' and occurred_at >= :from and occurred_at < :to""" + in("unit_code", units))
        .param("from", from).param("to", to).params(only)
        .query((rs, n) -> {
          Tally tally = tally(tallies, rs.getString(1));
          if (summons.getOrDefault(rs.getString(1), Set.of()).contains(rs.getLong(2))) {
            tally.summons++;
          } else {
            tally.talks++;
          }
          return null;
        }).list();
    decidedCases.decidedBetween(period.start(), period.end(), units)
        .forEach(decided -> tally(tallies, decided.unitCode()).caseForms.add(decided.heaviestForm()));
    jdbc.sql("""
            select l.unit_code, l.id from list_quality_flags f join responsibility_lists l on l.id = f.list_id
             where l.list_year = :year and f.kind = 'COPYING' and l.unit_code is not null"""
            + in("l.unit_code", units) + " order by l.id")
        .param("year", period.year()).params(only)
        .query((rs, n) -> tally(tallies, rs.getString(1)).flagged.add(rs.getLong(2))).list();
    jdbc.sql("""
            select mine.unit_code, count(distinct mine.content_hash) from evidence_uses mine
             where mine.first_used_at >= :from and mine.first_used_at < :to""" + in("mine.unit_code", units) + """

               and exists (select 1 from evidence_uses other
                            where other.content_hash = mine.content_hash and other.unit_code <> mine.unit_code)
             group by mine.unit_code""")
        .param("from", from).param("to", to).params(only)
        .query((rs, n) -> tally(tallies, rs.getString(1)).reused = rs.getLong(2)).list();

    Map<String, ScoreInputs> inputs = new HashMap<>();
    tallies.forEach((unit, tally) -> inputs.put(unit, tally.inputs()));
    return inputs;
  }

  /** The inputs of a unit without any record in the period. */
  static final ScoreInputs NONE = new Tally().inputs();

  /** What one unit's rows add up to; the rules are those of the score formula's table in the README. */
  private static final class Tally {
    final Set<String> late = new HashSet<>();
    final List<Completion> completions = new ArrayList<>();
    final List<String> selfCheckStatuses = new ArrayList<>();
    final List<Rect> rects = new ArrayList<>();
    final List<Long> flagged = new ArrayList<>();
    long manual;
    long withEvidence;
    final List<Integer> caseForms = new ArrayList<>();
    long talks;
    long summons;
    long reused;

    ScoreInputs inputs() {
      Set<String> lateTasks = new HashSet<>(late);
      long onTime = 0;
      for (Completion completion : completions) {
        boolean hasReason = completion.lateReason() != null && !completion.lateReason().isBlank();
        if (hasReason) {
          lateTasks.add(completion.taskId() == null ? "entry:" + lateTasks.size() : completion.taskId());
        } else if (completion.taskId() == null || !lateTasks.contains(completion.taskId())) {
          onTime++;
        }
      }
      long selfChecksCompleted = selfCheckStatuses.stream().filter(COMPLETED_SELF_CHECK::contains).count();
      long verified = rects.stream().filter(r -> "VERIFIED".equals(r.status())).count();
      long onTimeRects = rects.stream().filter(r -> "VERIFIED".equals(r.status()) && r.verifiedAt() != null
          && !r.verifiedAt().toInstant().atZone(Period.BEIJING).toLocalDate().isAfter(r.deadline())).count();
      return new ScoreInputs(onTime, lateTasks.size(), selfCheckStatuses.size(), selfChecksCompleted, rects.size(),
          verified, onTimeRects, manual, withEvidence, talks, summons, caseForms, flagged.size(),
          flagged.stream().distinct().toList(), reused);
    }
  }

  private static Tally tally(Map<String, Tally> tallies, String unit) {
    return tallies.computeIfAbsent(unit, code -> new Tally());
  }

  /** The unit's cases with measures decided in the period, for the link behind the figure. */
  List<DecidedCases.DecidedCase> decidedCases(String unitCode, Period period) {
    return decidedCases.decidedBetween(period.start(), period.end(), List.of(unitCode));
  }

  private static String in(String column, Collection<String> units) {
    return units == null ? "" : " and " + column + " in (:units)";
  }

  private record Completion(String taskId, String lateReason) {
  }

  private record Rect(String status, LocalDate deadline, Timestamp verifiedAt) {
  }
}
