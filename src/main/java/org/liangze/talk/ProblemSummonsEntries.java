package org.liangze.talk;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Read-only: which talk entries of the record manual record a problem summons (问题约谈) rather than a talk the unit
 * held, so that the unit scores give no talk credit for being summoned.
 */
@Service
public class ProblemSummonsEntries {

  private final JdbcClient jdbc;

  ProblemSummonsEntries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Per unit code, the record manual sequence numbers of its held problem summons. */
  public Map<String, Set<Long>> recordSeqsByUnit() {
    Map<String, Set<Long>> seqs = new HashMap<>();
    jdbc.sql("select unit_code, record_seq from talks where kind = :kind and record_seq is not null")
        .param("kind", TalkKind.PROBLEM_SUMMONS.name())
        .query((rs, n) -> seqs.computeIfAbsent(rs.getString(1), unit -> new HashSet<>()).add(rs.getLong(2)))
        .list();
    return seqs;
  }
}
