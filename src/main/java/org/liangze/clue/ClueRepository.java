package org.liangze.clue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The clues' table ({@code clues}, Flyway V71). */
@Repository
class ClueRepository {

  private static final RowMapper<Clue> CLUE = (rs, row) -> new Clue(rs.getLong("id"),
      ClueSource.valueOf(rs.getString("source")), rs.getString("title"), rs.getString("content"),
      rs.getString("reporter"), rs.getString("status"), rs.getString("unit_code"), rs.getString("cause"),
      rs.getString("close_reason"), rs.getObject("case_id", Long.class), rs.getString("process_instance_id"),
      rs.getString("registered_by"), instant(rs.getObject("registered_at", OffsetDateTime.class)),
      rs.getString("triaged_by"), instant(rs.getObject("triaged_at", OffsetDateTime.class)));

  private final JdbcClient jdbc;

  ClueRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(ClueSource source, String title, String content, String reporter, String processInstanceId,
      String by, Instant at) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
            insert into clues (source, title, content, reporter, status, process_instance_id, registered_by,
                               registered_at)
            values (?, ?, ?, ?, 'REGISTERED', ?, ?, ?)""")
        .params(source.name(), title, content, reporter, processInstanceId, by, utc(at))
        .update(key, "id");
    return key.getKey().longValue();
  }

  Optional<Clue> find(long id) {
    return jdbc.sql("select * from clues where id = ?").param(id).query(CLUE).optional();
  }

  List<Clue> all() {
    return jdbc.sql("select * from clues order by id desc").query(CLUE).list();
  }

  /** Records the triage of a clue still waiting for one; false if it was triaged before. */
  boolean triage(long id, String status, String unitCode, String cause, String closeReason, String by, Instant at) {
    return jdbc.sql("""
            update clues set status = ?, unit_code = ?, cause = ?, close_reason = ?, triaged_by = ?, triaged_at = ?
             where id = ? and status = 'REGISTERED'""")
        .params(status, unitCode, cause, closeReason, by, utc(at), id).update() == 1;
  }

  void caseOpened(long id, long caseId) {
    jdbc.sql("update clues set status = 'CASE_OPENED', case_id = ? where id = ?").params(caseId, id).update();
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime at) {
    return at == null ? null : at.toInstant();
  }
}
