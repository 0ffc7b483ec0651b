package org.liangze.record;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RecordRepository {

  record Head(long lastSeq, String lastHash) {
  }

  static final RowMapper<RecordEntry> ENTRY = RecordRepository::entry;
  /** Rows per round trip when streaming a chain. */
  static final int FETCH_SIZE = 2000;

  private final JdbcClient jdbc;
  /** Verification reads whole chains: fetch them in batches rather than all at once. */
  private final JdbcTemplate streaming;

  RecordRepository(JdbcClient jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.streaming = new JdbcTemplate(dataSource);
    this.streaming.setFetchSize(FETCH_SIZE);
  }

  Optional<Head> head(String unitCode) {
    return jdbc.sql("select last_seq, last_hash from record_chain_heads where unit_code = ?")
        .param(unitCode)
        .query((rs, row) -> new Head(rs.getLong("last_seq"), rs.getString("last_hash")))
        .optional();
  }

  void insert(RecordEntry entry) {
    jdbc.sql("""
            insert into record_entries (unit_code, seq, kind, list_item_id, actor, occurred_at, recorded_at, summary,
                                        late_reason, process_instance_id, task_id, evidence, hash_algorithm,
                                        previous_hash, entry_hash)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(entry.unitCode(), entry.seq(), entry.kind().name(), entry.listItemId(), entry.actor(),
            utc(entry.occurredAt()), utc(entry.recordedAt()), entry.summary(), entry.lateReason(),
            entry.processInstanceId(), entry.taskId(),
            entry.evidence().isEmpty() ? null : String.join(" ", entry.evidence()), entry.hashAlgorithm(),
            entry.previousHash(), entry.entryHash())
        .update();
  }

  boolean hasEntry(String unitCode, long seq) {
    return jdbc.sql("select count(*) from record_entries where unit_code = ? and seq = ?").params(unitCode, seq)
        .query(Long.class).single() > 0;
  }

  /** The unit's newest entries its people wrote (not the platform's task records), newest first. */
  List<RecordEntry> recentManualEntries(String unitCode, int limit) {
    return jdbc.sql("select * from record_entries where unit_code = ? and kind <> ? order by seq desc limit ?")
        .params(unitCode, EntryKind.TASK_COMPLETED.name(), limit)
        .query(ENTRY).list();
  }

  Optional<RecordEntry> findById(long id) {
    return jdbc.sql("select * from record_entries where id = ?").param(id).query(ENTRY).optional();
  }

  Optional<RecordEntry> find(String unitCode, long seq) {
    return jdbc.sql("select * from record_entries where unit_code = ? and seq = ?").params(unitCode, seq)
        .query(ENTRY).optional();
  }

  Optional<RecordEntry> latest(String unitCode) {
    return jdbc.sql("select * from record_entries where unit_code = ? order by seq desc limit 1").param(unitCode)
        .query(ENTRY).optional();
  }

  List<RecordEntry> entriesOf(String unitCode) {
    return jdbc.sql("select * from record_entries where unit_code = ? order by seq").param(unitCode)
        .query(ENTRY).list();
  }

  /**
   * Feeds a unit's entries in chain order to the consumer without holding them all in memory. PostgreSQL's driver
   * honours the fetch size only outside auto-commit, so a connection in auto-commit (no transaction: the parallel
   * verification, the command line) reads in a short read-only transaction of its own.
   */
  void forEachEntry(String unitCode, Consumer<RecordEntry> consumer) {
    streaming.execute((ConnectionCallback<Void>) connection -> {
      boolean autoCommit = connection.getAutoCommit();
      if (autoCommit) {
        connection.setAutoCommit(false);
      }
      try (PreparedStatement statement = connection.prepareStatement(
          "select * from record_entries where unit_code = ? order by seq")) {
        statement.setFetchSize(FETCH_SIZE);
        statement.setString(1, unitCode);
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            consumer.accept(entry(rs, 0));
          }
        }
      } finally {
        if (autoCommit) {
          connection.rollback();
          connection.setAutoCommit(true);
        }
      }
      return null;
    });
  }

  /** Units with a chain: a head, an entry, or a head in a signed checkpoint (whose chain may since have vanished). */
  List<String> unitsWithEntries() {
    return jdbc.sql("select unit_code from record_chain_heads union select distinct unit_code from record_entries "
        + "union select distinct unit_code from record_checkpoint_heads order by 1").query(String.class).list();
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static RecordEntry entry(ResultSet rs, int row) throws SQLException {
    String evidence = rs.getString("evidence");
    Long listItem = rs.getObject("list_item_id", Long.class);
    return new RecordEntry(rs.getLong("id"), rs.getString("unit_code"), rs.getLong("seq"),
        EntryKind.valueOf(rs.getString("kind")), listItem, rs.getString("actor"),
        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
        rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("summary"),
        rs.getString("late_reason"), rs.getString("process_instance_id"), rs.getString("task_id"),
        evidence == null ? List.of() : Arrays.asList(evidence.split(" ")), rs.getString("hash_algorithm"),
        rs.getString("previous_hash"), rs.getString("entry_hash"));
  }
}
