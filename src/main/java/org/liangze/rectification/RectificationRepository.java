package org.liangze.rectification;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class RectificationRepository {

  private static final RowMapper<Rectification> ROW = (rs, row) -> new Rectification(rs.getLong("id"),
      rs.getString("unit_code"), rs.getString("subject"), rs.getString("cause"), rs.getString("source_key"),
      rs.getObject("deadline", LocalDate.class), RectificationStatus.valueOf(rs.getString("status")),
      rs.getString("plan"), rs.getString("report"), rs.getString("evidence"), rs.getString("record_refs"),
      rs.getString("verification_comment"), rs.getString("process_instance_id"),
      rs.getObject("opened_at", OffsetDateTime.class), rs.getObject("planned_at", OffsetDateTime.class),
      rs.getObject("reported_at", OffsetDateTime.class), rs.getString("verified_by"),
      rs.getObject("verified_at", OffsetDateTime.class), LedgerSource.valueOf(rs.getString("source_kind")));

  private final JdbcClient jdbc;

  RectificationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(String unitCode, String subject, String cause, String sourceKey, LocalDate deadline,
      String processInstanceId, LedgerSource source, OffsetDateTime now) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
            insert into rectifications (unit_code, subject, cause, source_key, deadline, status, process_instance_id,
                                        opened_at, source_kind)
            values (?, ?, ?, ?, ?, 'OPEN', ?, ?, ?)""")
        .params(unitCode, subject, cause, sourceKey, deadline, processInstanceId, now, source.name())
        .update(key, "id");
    return key.getKey().longValue();
  }

  void planned(long id, String plan, OffsetDateTime at) {
    jdbc.sql("update rectifications set plan = ?, planned_at = ? where id = ?").params(plan, at, id).update();
  }

  void reported(long id, String report, String evidence, String recordRefs, OffsetDateTime at) {
    jdbc.sql("update rectifications set report = ?, evidence = ?, record_refs = ?, reported_at = ? where id = ?")
        .params(report, evidence, recordRefs, at, id).update();
  }

  void notYet(long id, String comment) {
    jdbc.sql("update rectifications set verification_comment = ? where id = ? and status = 'OPEN'")
        .params(comment, id).update();
  }

  void verified(long id, String comment, String by, OffsetDateTime at) {
    jdbc.sql("""
            update rectifications set status = 'VERIFIED', verification_comment = ?, verified_by = ?, verified_at = ?
             where id = ? and status = 'OPEN'""")
        .params(comment, by, at, id).update();
  }

  Optional<Rectification> find(long id) {
    return jdbc.sql("select * from rectifications where id = ?").param(id).query(ROW).optional();
  }

  List<Rectification> ofUnit(String unitCode) {
    return jdbc.sql("select * from rectifications where unit_code = ? order by id").param(unitCode).query(ROW).list();
  }
}
