package org.liangze.talk;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class TalkRepository {

  private final JdbcClient jdbc;

  TalkRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Fails with a duplicate-key error if the summons request (when given) has a talk already. */
  long insert(String unitCode, TalkKind kind, String subjectUserId, String cause, Long summonsRequestId,
      String processInstanceId, String startedBy, OffsetDateTime at) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
            insert into talks (unit_code, kind, subject_user_id, cause, summons_request_id, status,
                               process_instance_id, started_by, started_at)
            values (?, ?, ?, ?, ?, 'SCHEDULING', ?, ?, ?)""")
        .params(unitCode, kind.name(), subjectUserId, cause, summonsRequestId, processInstanceId, startedBy, at)
        .update(key, "id");
    return key.getKey().longValue();
  }

  void scheduled(long id, OffsetDateTime talkAt, String place, String participants, String subjectUserId,
      String by) {
    jdbc.sql("""
            update talks set status = 'SCHEDULED', talk_at = ?, place = ?, participants = ?, subject_user_id = ?,
                   scheduled_by = ?
             where id = ?""")
        .params(talkAt, place, participants, subjectUserId, by, id).update();
  }

  /** Marks the talk's notification sent; false if it was sent before (a retried job). */
  boolean markNotified(long id, OffsetDateTime at) {
    return jdbc.sql("update talks set notified_at = ? where id = ? and notified_at is null").params(at, id)
        .update() == 1;
  }

  void held(long id, String minutes, String by, OffsetDateTime at, long recordSeq) {
    jdbc.sql("""
            update talks set status = 'FOLLOWING_UP', minutes = ?, held_by = ?, held_at = ?, record_seq = ?
             where id = ?""")
        .params(minutes, by, at, recordSeq, id).update();
  }

  long insertCommitment(long talkId, int position, String content, LocalDate dueDate) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
            insert into talk_commitments (talk_id, position, content, due_date, status)
            values (?, ?, ?, ?, 'OPEN')""")
        .params(talkId, position, content, dueDate)
        .update(key, "id");
    return key.getKey().longValue();
  }

  void reported(long commitmentId, String report, String by, OffsetDateTime at) {
    jdbc.sql("""
            update talk_commitments set status = 'REPORTED', report = ?, reported_by = ?, reported_at = ?
             where id = ?""")
        .params(report, by, at, commitmentId).update();
  }

  void verified(long commitmentId, boolean verified, String comment, String by, OffsetDateTime at) {
    jdbc.sql("""
            update talk_commitments set status = ?, verification_comment = ?, verified_by = ?, verified_at = ?
             where id = ?""")
        .params(verified ? "VERIFIED" : "OPEN", comment, by, at, commitmentId).update();
  }

  void closed(long id, OffsetDateTime at) {
    jdbc.sql("update talks set status = 'CLOSED', closed_at = ? where id = ?").params(at, id).update();
  }

  Optional<Talk> find(long id) {
    return jdbc.sql("select * from talks where id = ?").param(id).query(TalkRepository::talk).optional()
        .map(talk -> talk.withCommitments(commitments(talk.id())));
  }

  Optional<Talk.Commitment> commitment(long id) {
    return jdbc.sql("select * from talk_commitments where id = ?").param(id).query(TalkRepository::commitment)
        .optional();
  }

  List<Talk> ofUnit(String unitCode) {
    return jdbc.sql("select * from talks where unit_code = ? order by started_at desc, id desc").param(unitCode)
        .query(TalkRepository::talk).list().stream()
        .map(talk -> talk.withCommitments(commitments(talk.id())))
        .toList();
  }

  private List<Talk.Commitment> commitments(long talkId) {
    return jdbc.sql("select * from talk_commitments where talk_id = ? order by position").param(talkId)
        .query(TalkRepository::commitment).list();
  }

  private static Talk talk(ResultSet rs, int row) throws SQLException {
    TalkKind kind = TalkKind.valueOf(rs.getString("kind"));
    return new Talk(rs.getLong("id"), rs.getString("unit_code"), kind, kind.label(), rs.getString("subject_user_id"),
        rs.getString("cause"), rs.getObject("summons_request_id", Long.class),
        TalkStatus.valueOf(rs.getString("status")), rs.getString("process_instance_id"),
        rs.getString("started_by"), rs.getObject("started_at", OffsetDateTime.class),
        rs.getObject("talk_at", OffsetDateTime.class), rs.getString("place"), rs.getString("participants"),
        rs.getString("minutes"), rs.getString("held_by"), rs.getObject("held_at", OffsetDateTime.class),
        rs.getObject("record_seq", Long.class), rs.getObject("closed_at", OffsetDateTime.class), List.of());
  }

  private static Talk.Commitment commitment(ResultSet rs, int row) throws SQLException {
    return new Talk.Commitment(rs.getLong("id"), rs.getInt("position"), rs.getString("content"),
        rs.getObject("due_date", LocalDate.class), rs.getString("status"), rs.getString("report"),
        rs.getString("reported_by"), rs.getObject("reported_at", OffsetDateTime.class),
        rs.getString("verification_comment"), rs.getString("verified_by"),
        rs.getObject("verified_at", OffsetDateTime.class));
  }
}
