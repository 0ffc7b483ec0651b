package org.liangze.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The steps of the score computation job ({@link ScoreComputationProcess}); each runs in the transaction of its own
 * job, so a page that fails becomes an incident of its own and the pages before it stay committed.
 */
@Service
class ScoreComputation {

  private static final Logger LOG = LoggerFactory.getLogger(ScoreComputation.class);

  private final Scores scores;
  private final ScoreMarks marks;
  private final UnitRepository units;
  private final ScoreJobProperties properties;
  private final Clock clock;

  ScoreComputation(Scores scores, ScoreMarks marks, UnitRepository units, ScoreJobProperties properties,
      Clock clock) {
    this.scores = scores;
    this.marks = marks;
    this.units = units;
    this.properties = properties;
    this.clock = clock;
  }

  record Plan(long upToMark, boolean swept, Instant startedAt) {
  }

  /**
   * Registers the formula version (a version reused with other numbers fails here, once), sweeps the district when
   * a score of the current quarter is missing or older than {@code sweep-every}, and fixes the marks the run takes up.
   */
  @Transactional
  Plan plan() {
    scores.register();
    Period current = Period.quarterOf(LocalDate.ofInstant(clock.instant(), Period.BEIJING));
    List<String> active = units.findAllActive().stream().map(Unit::code).toList();
    Scores.Freshness fresh = scores.freshness(current, active);
    Instant staleBefore = clock.instant().minus(properties.sweepEvery());
    boolean sweep = !active.isEmpty() && (fresh.missing() > 0 || fresh.oldest() == null
        || fresh.oldest().isBefore(staleBefore));
    if (sweep) {
      marks.markAll(active, List.of(current.previous(), current));
    }
    return new Plan(marks.newest(), sweep, clock.instant());
  }

  record Page(int unitsScored, List<Period> periods, boolean more) {
  }

  /** Computes the next page of marked units, for every quarter they are marked for and each quarter's year. */
  @Transactional
  Page computePage(long upToMark) {
    List<String> page = marks.nextUnits(upToMark, properties.pageSize());
    if (page.isEmpty()) {
      return new Page(0, List.of(), false);
    }
    Set<Period> periods = new LinkedHashSet<>();
    for (Period quarter : marks.quartersOf(page, upToMark)) {
      periods.add(quarter);
      periods.add(new Period(quarter.year(), null));
    }
    Set<String> wanted = Set.copyOf(page);
    List<Unit> pageUnits = units.findAllActive().stream().filter(u -> wanted.contains(u.code())).toList();
    int scored = 0;
    for (Period period : periods) {
      scored += scores.computeUnitsOf(period, pageUnits);
    }
    marks.taken(page, upToMark);
    boolean more = !marks.nextUnits(upToMark, 1).isEmpty();
    LOG.debug("Scored {} units for {}; more: {}", page.size(), periods, more);
    return new Page(scored, List.copyOf(periods), more);
  }

  /** Ranks each period the run scored (since it started) within the unit types. */
  @Transactional
  List<Period> rank(Instant startedAt) {
    List<Period> periods = scores.scoredSince(startedAt);
    periods.forEach(scores::rank);
    return periods;
  }
}
