package org.liangze.accountability;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The procedure's tables: statements and defences, the written decision, the appeal. */
@Repository
class ProcedureRepository {

  private final JdbcClient jdbc;

  ProcedureRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  record Defence(long subjectId, boolean waived, String statement, String submittedBy) {
  }

  record Point(long id, long subjectId, String subjectName, int position, String point, Boolean adopted,
      String reason) {
  }

  record Decision(long caseId, String number, String fileHash, Instant issuedAt) {
  }

  record Appeal(long caseId, String appellant, String grounds, String lodgedBy, Instant lodgedAt) {
  }

  // --- statements and defences

  /** Replaces the subject's statement and points (a second submission of the same task). */
  void saveDefence(long caseId, long subjectId, boolean waived, String statement, List<String> points, String by,
      Instant at) {
    jdbc.sql("delete from case_defence_points where subject_id = ?").param(subjectId).update();
    jdbc.sql("delete from case_defences where subject_id = ?").param(subjectId).update();
    jdbc.sql("""
            insert into case_defences (subject_id, case_id, waived, statement, submitted_by, submitted_at)
            values (?, ?, ?, ?, ?, ?)""")
        .params(subjectId, caseId, waived, statement, by, at.atOffset(ZoneOffset.UTC)).update();
    int position = 1;
    for (String point : points) {
      jdbc.sql("insert into case_defence_points (subject_id, case_id, position, point) values (?, ?, ?, ?)")
          .params(subjectId, caseId, position++, point).update();
    }
  }

  List<Defence> defences(long caseId) {
    return jdbc.sql("select * from case_defences where case_id = ? order by subject_id").param(caseId)
        .query((rs, row) -> new Defence(rs.getLong("subject_id"), rs.getBoolean("waived"), rs.getString("statement"),
            rs.getString("submitted_by")))
        .list();
  }

  List<Point> points(long caseId) {
    return jdbc.sql("""
            select p.*, s.name from case_defence_points p join case_subjects s on s.id = p.subject_id
             where p.case_id = ? order by s.responsibility, s.position, p.position""")
        .param(caseId)
        .query((rs, row) -> new Point(rs.getLong("id"), rs.getLong("subject_id"), rs.getString("name"),
            rs.getInt("position"), rs.getString("point"), (Boolean) rs.getObject("adopted"), rs.getString("reason")))
        .list();
  }

  void reviewPoint(long pointId, boolean adopted, String reason, String by, Instant at) {
    jdbc.sql("update case_defence_points set adopted = ?, reason = ?, reviewed_by = ?, reviewed_at = ? where id = ?")
        .params(adopted, reason, by, at.atOffset(ZoneOffset.UTC), pointId).update();
  }

  // --- the written decision

  Optional<Decision> decision(long caseId) {
    return jdbc.sql("select * from case_decisions where case_id = ?").param(caseId)
        .query((rs, row) -> new Decision(rs.getLong("case_id"), rs.getString("number"), rs.getString("file_hash"),
            rs.getObject("issued_at", OffsetDateTime.class).toInstant()))
        .optional();
  }

  /** The year's next number (the unique key refuses a second of the same number). */
  int nextDecisionSeq(int year) {
    return jdbc.sql("select coalesce(max(decision_seq), 0) + 1 from case_decisions where decision_year = ?")
        .param(year).query(Integer.class).single();
  }

  void insertDecision(long caseId, int year, int seq, String number, String fileHash, Instant at) {
    jdbc.sql("""
            insert into case_decisions (case_id, decision_year, decision_seq, number, file_hash, issued_at)
            values (?, ?, ?, ?, ?, ?)""")
        .params(caseId, year, seq, number, fileHash, at.atOffset(ZoneOffset.UTC)).update();
  }

  // --- the appeal

  void saveAppeal(long caseId, String appellant, String grounds, String by, Instant at) {
    jdbc.sql("delete from case_appeals where case_id = ?").param(caseId).update();
    jdbc.sql("""
            insert into case_appeals (case_id, appellant, grounds, lodged_by, lodged_at) values (?, ?, ?, ?, ?)""")
        .params(caseId, appellant, grounds, by, at.atOffset(ZoneOffset.UTC)).update();
  }

  Optional<Appeal> appeal(long caseId) {
    return jdbc.sql("select * from case_appeals where case_id = ?").param(caseId)
        .query((rs, row) -> new Appeal(rs.getLong("case_id"), rs.getString("appellant"), rs.getString("grounds"),
            rs.getString("lodged_by"), rs.getObject("lodged_at", OffsetDateTime.class).toInstant()))
        .optional();
  }

  void appealReviewed(long caseId, String by, Instant at) {
    jdbc.sql("update case_appeals set reviewed_by = ?, reviewed_at = ? where case_id = ?")
        .params(by, at.atOffset(ZoneOffset.UTC), caseId).update();
  }

  void upholdMeasure(long measureId, String reason) {
    jdbc.sql("update case_measures set appeal_outcome = 'UPHELD', appeal_reason = ? where id = ?")
        .params(reason, measureId).update();
  }

  void changeMeasure(long measureId, String measure, int form, String reason, Instant at) {
    jdbc.sql("""
            update case_measures set appeal_outcome = 'CHANGED', appeal_reason = ?,
                   measure_before_appeal = coalesce(measure_before_appeal, final_measure), final_measure = ?,
                   final_form = ?, decided_at = ?, consequence_months = null, consequence_ends_on = null
             where id = ?""")
        .params(reason, measure, form, at.atOffset(ZoneOffset.UTC), measureId).update();
  }

  void revokeMeasure(long measureId, String reason) {
    jdbc.sql("""
            update case_measures set appeal_outcome = 'REVOKED', appeal_reason = ?, consequence_months = null,
                   consequence_ends_on = null
             where id = ?""")
        .params(reason, measureId).update();
  }
}
