package org.liangze.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.liangze.accountability.DecidedCases;
import org.liangze.escalation.OverdueHistory;
import org.liangze.lists.CopyingFlags;
import org.liangze.platform.DatabaseProduct;
import org.liangze.platform.UnitsFilter;
import org.liangze.record.RecordTallies;
import org.liangze.rectification.RectificationOutcomes;
import org.liangze.rectification.RectificationStatus;
import org.liangze.selfcheck.SelfCheckStatus;
import org.liangze.selfcheck.SelfCheckStatuses;
import org.liangze.talk.ProblemSummonsEntries;
import org.springframework.stereotype.Component;

/**
 * Counts a unit's records of a period for the score formula, through the read APIs of the features that own them
 * (escalation, record, self-check, rectification, accountability, lists, talks): a handful of grouped queries for a
 * page of units or the whole district, none per unit.
 */
@Component
class ScoreInputsReader {

  private static final Set<SelfCheckStatus> COMPLETED_SELF_CHECK = EnumSet.of(SelfCheckStatus.REVIEWING,
      SelfCheckStatus.RECTIFYING, SelfCheckStatus.ACCEPTED, SelfCheckStatus.RECTIFIED);

  private final OverdueHistory overdue;
  private final RecordTallies records;
  private final SelfCheckStatuses selfChecks;
  private final RectificationOutcomes rectifications;
  private final DecidedCases decidedCases;
  private final CopyingFlags copyingFlags;
  private final ProblemSummonsEntries summonsEntries;
  private final DatabaseProduct database;

  ScoreInputsReader(OverdueHistory overdue, RecordTallies records, SelfCheckStatuses selfChecks,
      RectificationOutcomes rectifications, DecidedCases decidedCases, CopyingFlags copyingFlags,
      ProblemSummonsEntries summonsEntries, DatabaseProduct database) {
    this.overdue = overdue;
    this.records = records;
    this.selfChecks = selfChecks;
    this.rectifications = rectifications;
    this.decidedCases = decidedCases;
    this.copyingFlags = copyingFlags;
    this.summonsEntries = summonsEntries;
    this.database = database;
  }

  /** Every unit's inputs of the period: see {@link #of(Period, Collection)}. */
  Map<String, ScoreInputs> all(Period period) {
    return of(period, null);
  }

  /**
   * The inputs of the period of these units (null: every unit), by unit code (units without any record are absent:
   * all their figures are zero). Called in the transaction that stores the scores; its reads are planned for the
   * period and the units they are given ({@link DatabaseProduct#planForValuesInThisTransaction}).
   */
  Map<String, ScoreInputs> of(Period period, Collection<String> units) {
    UnitsFilter only = UnitsFilter.of(units);
    if (only.none()) {
      return Map.of();
    }
    database.planForValuesInThisTransaction();
    Instant from = period.start();
    Instant to = period.end();
    Map<String, Tally> tallies = new HashMap<>();
    overdue.overdueTasks(from, to, only).forEach((unit, tasks) -> tally(tallies, unit).late.addAll(tasks));
    records.completions(from, to, only).forEach((unit, done) -> tally(tallies, unit).completions.addAll(done));
    selfChecks.ofQuarters(period.quarters(), only)
        .forEach((unit, statuses) -> tally(tallies, unit).selfCheckStatuses.addAll(statuses));
    rectifications.openedBetween(from, to, only).forEach((unit, rects) -> tally(tallies, unit).rects.addAll(rects));
    records.entriesWritten(from, to, only).forEach((unit, entries) -> tally(tallies, unit).manual = entries);
    // a problem summons is recorded as a talk of the summoned unit, but is no talk credit
    Map<String, Set<Long>> summons = summonsEntries.recordSeqsByUnit();
    records.talkEntries(from, to, only).forEach((unit, seqs) -> {
      Tally tally = tally(tallies, unit);
      for (long seq : seqs) {
        if (summons.getOrDefault(unit, Set.of()).contains(seq)) {
          tally.summons++;
        } else {
          tally.talks++;
        }
      }
    });
    decidedCases.decidedBetween(from, to, units)
        .forEach(decided -> tally(tallies, decided.unitCode()).caseForms.add(decided.heaviestForm()));
    copyingFlags.flaggedLists(period.year(), only).forEach((unit, lists) -> tally(tallies, unit).flagged.addAll(lists));
    records.evidenceSharedWithOtherUnits(from, to, only).forEach((unit, reused) -> tally(tallies, unit).reused = reused);

    Map<String, ScoreInputs> inputs = new HashMap<>();
    tallies.forEach((unit, tally) -> inputs.put(unit, tally.inputs()));
    return inputs;
  }

  /** The inputs of a unit without any record in the period. */
  static final ScoreInputs NONE = new Tally().inputs();

  /** What one unit's rows add up to; the rules are those of the score formula's table in the README. */
  private static final class Tally {
    final Set<String> late = new HashSet<>();
    final List<RecordTallies.Completion> completions = new ArrayList<>();
    final List<SelfCheckStatus> selfCheckStatuses = new ArrayList<>();
    final List<RectificationOutcomes.Outcome> rects = new ArrayList<>();
    final List<Long> flagged = new ArrayList<>();
    RecordTallies.EntriesWritten manual = new RecordTallies.EntriesWritten(0, 0);
    final List<Integer> caseForms = new ArrayList<>();
    long talks;
    long summons;
    long reused;

    ScoreInputs inputs() {
      Set<String> lateTasks = new HashSet<>(late);
      long onTime = 0;
      for (RecordTallies.Completion completion : completions) {
        boolean hasReason = completion.lateReason() != null && !completion.lateReason().isBlank();
        if (hasReason) {
          lateTasks.add(completion.taskId() == null ? "entry:" + lateTasks.size() : completion.taskId());
        } else if (completion.taskId() == null || !lateTasks.contains(completion.taskId())) {
          onTime++;
        }
      }
      long selfChecksCompleted = selfCheckStatuses.stream().filter(COMPLETED_SELF_CHECK::contains).count();
      long verified = rects.stream().filter(r -> r.status() == RectificationStatus.VERIFIED).count();
      long onTimeRects = rects.stream().filter(r -> r.verifiedOnTime(Period.BEIJING)).count();
      return new ScoreInputs(onTime, lateTasks.size(), selfCheckStatuses.size(), selfChecksCompleted, rects.size(),
          verified, onTimeRects, manual.entries(), manual.withEvidence(), talks, summons, caseForms, flagged.size(),
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
}
