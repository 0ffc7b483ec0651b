package org.liangze.record;

import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Test helper: fills units' record manuals with valid hash chains by batched JDBC inserts, hashed by the platform's
 * own {@link RecordHashing}, much faster than {@link RecordManual#append} one entry at a time. For the benchmark.
 */
public final class RecordChainSeeder {

  private static final int BATCH = 1000;

  private RecordChainSeeder() {
  }

  /** Appends {@code entries} entries in all, spread round-robin over the units (whose manuals must be empty). */
  public static void seed(JdbcTemplate jdbc, List<String> unitCodes, long entries) {
    int units = unitCodes.size();
    long[] lastSeq = new long[units];
    String[] lastHash = new String[units];
    java.util.Arrays.fill(lastHash, RecordHashing.GENESIS);
    Instant base = Instant.parse("2025-01-01T00:00:00Z");
    List<Object[]> batch = new ArrayList<>(BATCH);
    for (long n = 0; n < entries; n++) {
      int u = (int) (n % units);
      String unit = unitCodes.get(u);
      long seq = ++lastSeq[u];
      Instant occurred = base.plus(n, ChronoUnit.SECONDS);
      Instant recorded = occurred.plus(1, ChronoUnit.MINUTES);
      String summary = "第" + seq + "次会议研究部署党风廉政建设工作";
      String hash = RecordHashing.hash(RecordHashing.CURRENT, unit, seq, EntryKind.MEETING, null, "bench", occurred,
          recorded, summary, null, null, null, "", lastHash[u]);
      batch.add(new Object[] {unit, seq, RecordRepository.utc(occurred), RecordRepository.utc(recorded), summary,
          lastHash[u], hash});
      lastHash[u] = hash;
      if (batch.size() == BATCH) {
        flush(jdbc, batch);
      }
    }
    // the database moves the chain heads itself (trigger record_entries_move_head)
    flush(jdbc, batch);
  }

  private static void flush(JdbcTemplate jdbc, List<Object[]> batch) {
    if (batch.isEmpty()) {
      return;
    }
    jdbc.batchUpdate("""
        insert into record_entries (unit_code, seq, kind, actor, occurred_at, recorded_at, summary, hash_algorithm,
                                    previous_hash, entry_hash)
        values (?, ?, 'MEETING', 'bench', ?, ?, ?, '%s', ?, ?)""".formatted(RecordHashing.CURRENT), batch,
        new int[] {Types.VARCHAR, Types.BIGINT, Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP_WITH_TIMEZONE,
            Types.VARCHAR, Types.VARCHAR, Types.VARCHAR});
    batch.clear();
  }
}
