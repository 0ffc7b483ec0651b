package org.liangze.accountability;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AccountabilityRepository {

  private final JdbcClient jdbc;

  AccountabilityRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Fails with a duplicate-key error if the unit has a case of this cause already. */
  long insertCase(String unitCode, String cause, CaseSource source, Long requestId, String processInstanceId,
      String startedBy, Instant at) {
    jdbc.sql("""
            insert into accountability_cases (unit_code, cause, source, request_id, status, process_instance_id,
                                              started_by, registered_at)
            values (?, ?, ?, ?, 'REGISTERED', ?, ?, ?)""")
        .params(unitCode, cause, source.name(), requestId, processInstanceId, startedBy, at.atOffset(ZoneOffset.UTC))
        .update();
    return jdbc.sql("select id from accountability_cases where unit_code = ? and cause = ?").params(unitCode, cause)
        .query(Long.class).single();
  }

  boolean caseExists(String unitCode, String cause) {
    return jdbc.sql("select count(*) from accountability_cases where unit_code = ? and cause = ?")
        .params(unitCode, cause).query(Long.class).single() > 0;
  }

  Optional<AccountabilityCase> findCase(long id) {
    return jdbc.sql("select * from accountability_cases where id = ?").param(id)
        .query((rs, row) -> new AccountabilityCase(rs.getLong("id"), rs.getString("unit_code"), rs.getString("cause"),
            CaseSource.valueOf(rs.getString("source")), rs.getObject("request_id", Long.class),
            rs.getString("status"), rs.getString("process_instance_id"), rs.getString("dossier"),
            rs.getString("verification_note"), rs.getString("started_by"),
            rs.getObject("registered_at", OffsetDateTime.class).toInstant()))
        .optional();
  }

  void setDossier(long caseId, String dossier) {
    jdbc.sql("update accountability_cases set dossier = ? where id = ?").params(dossier, caseId).update();
  }

  void setStatus(long caseId, String status, String verificationNote) {
    jdbc.sql("update accountability_cases set status = ?, verification_note = coalesce(?, verification_note) where id = ?")
        .params(status, verificationNote, caseId).update();
  }

  // --- subjects

  void replaceSubjects(long caseId, String responsibility, List<CaseSubject> subjects) {
    jdbc.sql("delete from case_subjects where case_id = ? and responsibility = ?").params(caseId, responsibility)
        .update();
    int position = 1;
    for (CaseSubject s : subjects) {
      jdbc.sql("""
              insert into case_subjects (case_id, responsibility, position, name, user_id, subject_kind, tier, severity,
                                         grounds, suspected_crime, finding)
              values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(caseId, responsibility, position++, s.name(), s.userId(), s.kind(), s.tier(), s.severity(),
              s.grounds(), s.suspectedCrime(), s.finding())
          .update();
    }
  }

  List<CaseSubject> subjects(long caseId) {
    return jdbc.sql("select * from case_subjects where case_id = ? order by responsibility, position").param(caseId)
        .query((rs, row) -> subject(rs)).list();
  }

  Optional<CaseSubject> subject(long subjectId) {
    return jdbc.sql("select * from case_subjects where id = ?").param(subjectId).query((rs, row) -> subject(rs))
        .optional();
  }

  long caseOfSubject(long subjectId) {
    return jdbc.sql("select case_id from case_subjects where id = ?").param(subjectId).query(Long.class).single();
  }

  private static CaseSubject subject(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new CaseSubject(rs.getLong("id"), rs.getString("responsibility"), rs.getString("name"),
        rs.getString("user_id"), rs.getString("subject_kind"), rs.getString("tier"), rs.getString("severity"),
        rs.getString("grounds"), rs.getBoolean("suspected_crime"), rs.getString("finding"));
  }

  /** One investigation's facts, findings and evidence (a second completion of the same task replaces them). */
  void saveInvestigation(long caseId, String responsibility, String facts, String findings, String evidence,
      String by) {
    jdbc.sql("delete from case_investigations where case_id = ? and responsibility = ?")
        .params(caseId, responsibility).update();
    jdbc.sql("""
            insert into case_investigations (case_id, responsibility, facts, findings, evidence, investigated_by)
            values (?, ?, ?, ?, ?, ?)""")
        .params(caseId, responsibility, facts, findings, evidence, by).update();
  }

  List<Investigation> investigations(long caseId) {
    return jdbc.sql("select * from case_investigations where case_id = ? order by responsibility").param(caseId)
        .query((rs, row) -> new Investigation(rs.getString("responsibility"), rs.getString("facts"),
            rs.getString("findings"), rs.getString("evidence"), rs.getString("investigated_by")))
        .list();
  }

  // --- measures

  boolean hasMeasures(long caseId) {
    return jdbc.sql("select count(*) from case_measures where case_id = ?").param(caseId).query(Long.class)
        .single() > 0;
  }

  boolean subjectHasMeasures(long subjectId) {
    return jdbc.sql("select count(*) from case_measures where subject_id = ?").param(subjectId).query(Long.class)
        .single() > 0;
  }

  void insertMeasure(long caseId, long subjectId, String category, String measure, Integer form, String note) {
    jdbc.sql("""
            insert into case_measures (case_id, subject_id, category, proposed_measure, proposed_form, note)
            values (?, ?, ?, ?, ?, ?)""")
        .params(caseId, subjectId, category, measure, form, note).update();
  }

  List<CaseMeasure> measures(long caseId) {
    return jdbc.sql("""
            select m.*, s.name, s.subject_kind, s.responsibility from case_measures m
              join case_subjects s on s.id = m.subject_id
             where m.case_id = ? order by s.responsibility, s.position, m.id""")
        .param(caseId)
        .query((rs, row) -> new CaseMeasure(rs.getLong("id"), rs.getLong("subject_id"), rs.getString("name"),
            rs.getString("subject_kind"), rs.getString("responsibility"), rs.getString("category"),
            rs.getString("proposed_measure"), rs.getObject("proposed_form", Integer.class), rs.getString("note"),
            rs.getObject("consequence_months", Integer.class), rs.getString("decision"),
            rs.getString("final_measure"), rs.getObject("final_form", Integer.class), rs.getString("reason"),
            rs.getString("decided_by"), rs.getObject("consequence_ends_on", LocalDate.class),
            rs.getString("appeal_outcome")))
        .list();
  }

  Optional<CaseMeasure> measuresById(long measureId) {
    Long caseId = jdbc.sql("select case_id from case_measures where id = ?").param(measureId).query(Long.class)
        .optional().orElse(null);
    return caseId == null ? Optional.empty()
        : measures(caseId).stream().filter(m -> m.id() == measureId).findFirst();
  }

  void decideMeasure(long measureId, String decision, String finalMeasure, Integer finalForm, String reason,
      String by, Instant at) {
    jdbc.sql("""
            update case_measures set decision = ?, final_measure = ?, final_form = ?, reason = ?, decided_by = ?,
                                     decided_at = ?, consequence_months = null, consequence_ends_on = null
             where id = ?""")
        .params(decision, finalMeasure, finalForm, reason, by, at.atOffset(ZoneOffset.UTC), measureId)
        .update();
  }

  /** When the measure was decided (approved, overridden, or changed on appeal). */
  Optional<Instant> decidedAt(long measureId) {
    return jdbc.sql("select decided_at from case_measures where id = ?").param(measureId)
        .query((rs, row) -> rs.getObject(1, OffsetDateTime.class)).optional().filter(java.util.Objects::nonNull)
        .map(OffsetDateTime::toInstant);
  }

  /** The period of consequences the decision table gave the final measure (null: none). */
  void setConsequencePeriod(long measureId, Integer months, LocalDate endsOn) {
    jdbc.sql("update case_measures set consequence_months = ?, consequence_ends_on = ? where id = ?")
        .params(months, endsOn, measureId).update();
  }

  // --- public notifications

  void saveDraft(long caseId, String title, String redacted, String real, String by) {
    jdbc.sql("delete from public_notifications where case_id = ?").param(caseId).update();
    jdbc.sql("""
            insert into public_notifications (case_id, title, redacted_text, real_text, real_names_approved, status,
                                              drafted_by)
            values (?, ?, ?, ?, false, 'DRAFTED', ?)""")
        .params(caseId, title, redacted, real, by).update();
  }

  void decideNotification(long caseId, String status, boolean realNames, String by, String reason) {
    jdbc.sql("""
            update public_notifications set status = ?, real_names_approved = ?, decided_by = ?, reject_reason = ?
             where case_id = ?""")
        .params(status, realNames, by, reason, caseId).update();
  }

  void publish(long caseId, Instant at) {
    jdbc.sql("""
            update public_notifications set status = 'PUBLISHED', published_at = coalesce(published_at, ?)
             where case_id = ? and status in ('APPROVED', 'PUBLISHED')""")
        .params(at.atOffset(ZoneOffset.UTC), caseId).update();
  }

  Optional<String> notificationStatus(long caseId) {
    return jdbc.sql("select status from public_notifications where case_id = ?").param(caseId).query(String.class)
        .optional();
  }

  /** Published notifications only, newest first, with the text the committee approved for the public. */
  List<PublicNotification> published() {
    return jdbc.sql("""
            select n.case_id, n.title, n.published_at,
                   case when n.real_names_approved then n.real_text else n.redacted_text end as text
              from public_notifications n
             where n.status = 'PUBLISHED'
             order by n.published_at desc, n.case_id desc""")
        .query((rs, row) -> new PublicNotification(rs.getLong("case_id"), rs.getString("title"),
            rs.getString("text"), rs.getObject("published_at", OffsetDateTime.class).toInstant()))
        .list();
  }
}
