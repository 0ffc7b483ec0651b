package org.liangze.record;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.liangze.organisation.UnitRepository;
import org.liangze.platform.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The record manual (一册): appends entries to a unit's hash chain. Appends to one unit are serialised by a lock
 * on the unit's row, so concurrent writers leave one unbroken chain; the unique (unit, seq) key is the last line
 * of defence. Entries are never changed afterwards; the database refuses it.
 */
@Service
public class RecordManual {

  private final RecordRepository repository;
  private final UnitRepository units;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  RecordManual(RecordRepository repository, UnitRepository units, Clock clock, ApplicationEventPublisher events) {
    this.repository = repository;
    this.units = units;
    this.clock = clock;
    this.events = events;
  }

  @Transactional
  public RecordEntry append(NewEntry entry) {
    // appends to one unit's chain one at a time, to different units in parallel
    if (!units.lockForUpdate(entry.unitCode())) {
      throw new NotFoundException("单位不存在或已撤销");
    }
    var head = repository.head(entry.unitCode());
    long seq = head.map(RecordRepository.Head::lastSeq).orElse(0L) + 1;
    String previousHash = head.map(RecordRepository.Head::lastHash).orElse(RecordHashing.GENESIS);
    // the database keeps microseconds; hash exactly what will be read back
    Instant recordedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Instant occurredAt = entry.occurredAt().truncatedTo(ChronoUnit.MICROS);
    String hash = RecordHashing.hash(RecordHashing.CURRENT, entry.unitCode(), seq, entry.kind(),
        entry.listItemId(), entry.actor(), occurredAt, recordedAt, entry.summary(), entry.lateReason(),
        entry.processInstanceId(), entry.taskId(), String.join(" ", entry.evidence()), previousHash);
    RecordEntry stored = new RecordEntry(0, entry.unitCode(), seq, entry.kind(), entry.listItemId(), entry.actor(),
        occurredAt, recordedAt, entry.summary(), entry.lateReason(), entry.processInstanceId(), entry.taskId(),
        entry.evidence(), RecordHashing.CURRENT, previousHash, hash);
    // the database moves the unit's chain head to the new entry (trigger record_entries_move_head, Flyway V21)
    repository.insert(stored);
    events.publishEvent(new RecordEntryAppended(stored.unitCode(), stored.kind(), occurredAt));
    return stored;
  }

  /** Whether the unit's manual has an entry with this sequence number (cited as evidence elsewhere). */
  public boolean hasEntry(String unitCode, long seq) {
    return repository.hasEntry(unitCode, seq);
  }

  /**
   * The unit's newest entries written by its people (meetings, study, talks, inspections), newest first: what they
   * cite as evidence on forms.
   */
  public List<RecordEntry> recentManualEntries(String unitCode, int limit) {
    return repository.recentManualEntries(unitCode, limit);
  }

  /** The entry at this place of the unit's chain. */
  public java.util.Optional<RecordEntry> entry(String unitCode, long seq) {
    return repository.find(unitCode, seq);
  }

  /**
   * The unit's newest entry. Inside a transaction that appended to the unit, it is that transaction's own entry: the
   * unit's row stays locked until it commits.
   */
  public java.util.Optional<RecordEntry> latestEntry(String unitCode) {
    return repository.latest(unitCode);
  }

  public List<RecordEntry> entriesOf(String unitCode) {
    return repository.entriesOf(unitCode);
  }
}
