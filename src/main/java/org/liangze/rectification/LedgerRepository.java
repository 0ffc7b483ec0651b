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

/** The rows of the rectification ledger ({@code rectification_rows}, Flyway V85). */
@Repository
class LedgerRepository {

  private static final RowMapper<LedgerRow> ROW = (rs, n) -> new LedgerRow(rs.getLong("id"),
      rs.getString("unit_code"), rs.getObject("rectification_id", Long.class),
      LedgerSource.valueOf(rs.getString("source_kind")), rs.getString("source_label"), rs.getInt("position"),
      rs.getString("problem"), rs.getString("measure"), rs.getString("owner_id"), rs.getString("owner_name"),
      rs.getObject("deadline", LocalDate.class), LedgerRowStatus.valueOf(rs.getString("status")),
      rs.getString("report"), rs.getString("evidence"), rs.getString("record_refs"),
      rs.getString("verification_comment"), rs.getInt("returned_count"),
      rs.getObject("opened_at", OffsetDateTime.class), rs.getObject("reported_at", OffsetDateTime.class),
      rs.getString("closed_by"), rs.getObject("closed_at", OffsetDateTime.class));

  private final JdbcClient jdbc;

  LedgerRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  record NewRow(String unitCode, Long rectificationId, LedgerSource source, String sourceLabel, String sourceRef,
      int position, String problem, String measure, String ownerId, String ownerName, LocalDate deadline) {
  }

  long insert(NewRow row, OffsetDateTime now) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
            insert into rectification_rows (unit_code, rectification_id, source_kind, source_label, source_ref,
                                            position, problem, measure, owner_id, owner_name, deadline, status,
                                            opened_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)""")
        .params(row.unitCode(), row.rectificationId(), row.source().name(), row.sourceLabel(), row.sourceRef(),
            row.position(), row.problem(), row.measure(), row.ownerId(), row.ownerName(), row.deadline(), now)
        .update(key, "id");
    return key.getKey().longValue();
  }

  boolean existsForSource(LedgerSource source, String sourceRef) {
    return jdbc.sql("select count(*) from rectification_rows where source_kind = ? and source_ref = ?")
        .params(source.name(), sourceRef).query(Long.class).single() > 0;
  }

  void reported(long id, String report, String evidence, String recordRefs, OffsetDateTime at) {
    jdbc.sql("""
            update rectification_rows set status = 'REPORTED', report = ?, evidence = ?, record_refs = ?,
                   reported_at = ?
             where id = ? and status <> 'CLOSED'""")
        .params(report, evidence, recordRefs, at, id).update();
  }

  void returned(long id, String comment) {
    jdbc.sql("""
            update rectification_rows set status = 'OPEN', verification_comment = ?,
                   returned_count = returned_count + 1
             where id = ? and status <> 'CLOSED'""")
        .params(comment, id).update();
  }

  void closed(long id, String comment, String by, OffsetDateTime at) {
    jdbc.sql("""
            update rectification_rows set status = 'CLOSED', verification_comment = ?, closed_by = ?, closed_at = ?
             where id = ? and status <> 'CLOSED'""")
        .params(comment, by, at, id).update();
  }

  int closeBySource(LedgerSource source, String sourceRef, String by, OffsetDateTime at) {
    return jdbc.sql("""
            update rectification_rows set status = 'CLOSED', closed_by = ?, closed_at = ?
             where source_kind = ? and source_ref = ? and status <> 'CLOSED'""")
        .params(by, at, source.name(), sourceRef).update();
  }

  Optional<LedgerRow> find(long id) {
    return jdbc.sql("select * from rectification_rows where id = ?").param(id).query(ROW).optional();
  }

  List<LedgerRow> ofRectification(long rectificationId) {
    return jdbc.sql("select * from rectification_rows where rectification_id = ? order by position")
        .param(rectificationId).query(ROW).list();
  }

  long openCountOf(long rectificationId) {
    return jdbc.sql("select count(*) from rectification_rows where rectification_id = ? and status <> 'CLOSED'")
        .param(rectificationId).query(Long.class).single();
  }

  /** The rows of one unit, or of the district when {@code unitCode} is null; newest problems first. */
  List<LedgerRow> rows(String unitCode) {
    String order = " order by opened_at desc, rectification_id desc, position";
    return unitCode == null
        ? jdbc.sql("select * from rectification_rows" + order).query(ROW).list()
        : jdbc.sql("select * from rectification_rows where unit_code = ?" + order).param(unitCode).query(ROW).list();
  }

  /** Rows not closed whose deadline is before {@code today}, oldest deadline first. */
  List<LedgerRow> openOverdue(LocalDate today) {
    return jdbc.sql("select * from rectification_rows where status <> 'CLOSED' and deadline < ? order by deadline, id")
        .param(today).query(ROW).list();
  }
}
