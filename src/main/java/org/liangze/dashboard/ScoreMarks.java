package org.liangze.dashboard;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.liangze.escalation.AccountabilityRequested;
import org.liangze.escalation.SummonsRequested;
import org.liangze.platform.InsertsAtCommit;
import org.liangze.record.RecordEntryAppended;
import org.liangze.selfcheck.SelfCheckOpened;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which units' scores are stale (table {@code score_marks}): other features' events mark a unit and the quarter a
 * change counts in, inside the changing transaction (one plain insert, nothing computed there); the score computation
 * job takes the marks up a page of units at a time and deletes them. A change is marked for the quarter it happened
 * in, the current quarter and the one before it: a quarter's self-check is done in the next quarter (the campaign
 * starts when the quarter has ended), and its review lands there too. Changes to older quarters (a rectification
 * verified long after it was opened) are caught by the job's periodic sweep of the current and previous quarter, or
 * stay as computed before.
 */
@Component
class ScoreMarks {

  private static final String INSERT = "insert into score_marks (unit_code, quarter, marked_at) values (?, ?, ?)";

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final InsertsAtCommit inserts;
  private final Clock clock;

  ScoreMarks(JdbcClient jdbc, JdbcTemplate batch, InsertsAtCommit inserts, Clock clock) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.inserts = inserts;
    this.clock = clock;
  }

  /** A record entry (a completed task, a manual entry, a talk, ...) changes its unit's figures. */
  @EventListener
  void recordEntryAppended(RecordEntryAppended appended) {
    mark(appended.unitCode(), appended.occurredAt());
  }

  /** A unit's self-check of a quarter was opened: a self-check is due in that quarter. */
  @EventListener
  void selfCheckOpened(SelfCheckOpened opened) {
    // with the other marks of the transaction, as it commits: a campaign's batch opens a self-check per unit
    inserts.insert(INSERT, opened, opened.unitCode(), opened.quarter(), Timestamp.from(clock.instant()));
  }

  /**
   * The escalation ladder summoned a unit: its tasks went red, so they are overdue (timeliness). Tasks that merely went
   * overdue raise no event; the job's periodic sweep takes them in.
   */
  @EventListener
  void summonsRequested(SummonsRequested requested) {
    mark(requested.unitCode(), clock.instant());
  }

  /** The ladder requested an accountability case: the unit's tasks are long overdue (timeliness). */
  @EventListener
  void accountabilityRequested(AccountabilityRequested requested) {
    mark(requested.unitCode(), clock.instant());
  }

  /** Marks the unit's quarter of {@code when}, the current quarter and the previous one. */
  void mark(String unitCode, Instant when) {
    Set<String> quarters = new LinkedHashSet<>();
    Period current = quarterOf(clock.instant());
    quarters.add(quarterOf(when).toString());
    quarters.add(current.toString());
    quarters.add(current.previous().toString());
    Timestamp now = Timestamp.from(clock.instant());
    // one batch, one round trip: the patrol marks every unit it summons and every case it requests
    batch.batchUpdate(INSERT,
        quarters.stream().map(quarter -> new Object[] {unitCode, quarter, now}).toList());
  }

  /** Marks every one of these units for each of these quarters (the sweep). */
  void markAll(Collection<String> unitCodes, Collection<Period> quarters) {
    Timestamp now = Timestamp.from(clock.instant());
    List<Object[]> rows = new ArrayList<>();
    for (Period quarter : quarters) {
      unitCodes.forEach(unit -> rows.add(new Object[] {unit, quarter.toString(), now}));
    }
    if (!rows.isEmpty()) {
      batch.batchUpdate(INSERT, rows);
    }
  }

  /** The newest mark's id (0 when none): a run takes up the marks up to it and leaves later ones to the next. */
  long newest() {
    return jdbc.sql("select coalesce(max(id), 0) from score_marks").query(Long.class).single();
  }

  /** The next page of marked units, up to the given mark, in unit-code order. */
  List<String> nextUnits(long upTo, int pageSize) {
    return jdbc.sql("""
            select distinct unit_code from score_marks where id <= :upTo order by unit_code
            """ + " fetch first " + Math.max(1, pageSize) + " rows only")
        .param("upTo", upTo).query(String.class).list();
  }

  /** The quarters these units are marked for, up to the given mark. */
  List<Period> quartersOf(Collection<String> unitCodes, long upTo) {
    return jdbc.sql("select distinct quarter from score_marks where id <= :upTo and unit_code in (:units)")
        .param("upTo", upTo).param("units", unitCodes).query(String.class).list().stream()
        .map(Period::parse).toList();
  }

  /** Deletes these units' marks up to the given mark (their scores are computed). */
  void taken(Collection<String> unitCodes, long upTo) {
    jdbc.sql("delete from score_marks where id <= :upTo and unit_code in (:units)")
        .param("upTo", upTo).param("units", unitCodes).update();
  }

  long count() {
    return jdbc.sql("select count(*) from score_marks").query(Long.class).single();
  }

  private static Period quarterOf(Instant when) {
    return Period.quarterOf(LocalDate.ofInstant(when, Period.BEIJING));
  }
}
