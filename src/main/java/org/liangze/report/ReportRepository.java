package org.liangze.report;

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

@Repository
class ReportRepository {

  record Report(long id, String unitCode, String period, String status, String figures, String draftText,
      String finalText, String signedBy, String acceptedBy) {
  }

  private static final RowMapper<Report> REPORT = (rs, row) -> new Report(rs.getLong("id"), rs.getString("unit_code"),
      rs.getString("period"), rs.getString("status"), rs.getString("figures"), rs.getString("draft_text"),
      rs.getString("final_text"), rs.getString("signed_by"), rs.getString("accepted_by"));

  private final JdbcClient jdbc;

  ReportRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insertCampaign(String period, String processInstanceId, String startedBy, Instant at) {
    jdbc.sql("insert into report_campaigns (period, process_instance_id, started_by, started_at) values (?, ?, ?, ?)")
        .params(period, processInstanceId, startedBy, utc(at)).update();
  }

  boolean campaignExists(String period) {
    return jdbc.sql("select count(*) from report_campaigns where period = ?").param(period).query(Long.class)
        .single() > 0;
  }

  Optional<Report> find(String unitCode, String period) {
    return jdbc.sql("select * from half_year_reports where unit_code = ? and period = ?").params(unitCode, period)
        .query(REPORT).optional();
  }

  Optional<Report> find(long id) {
    return jdbc.sql("select * from half_year_reports where id = ?").param(id).query(REPORT).optional();
  }

  List<Report> ofPeriod(String period) {
    return jdbc.sql("select * from half_year_reports where period = ? order by unit_code").param(period)
        .query(REPORT).list();
  }

  long insertDraft(String unitCode, String period, String figures, String text, Instant at) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
            insert into half_year_reports (unit_code, period, status, figures, draft_text, drafted_at)
            values (?, ?, 'DRAFTED', ?, ?, ?)""")
        .params(unitCode, period, figures, text, utc(at)).update(key, "id");
    return key.getKey().longValue();
  }

  void submit(long id, String text) {
    jdbc.sql("update half_year_reports set status = 'SUBMITTED', final_text = ? where id = ?").params(text, id)
        .update();
  }

  void sign(long id, String userId, Instant at) {
    jdbc.sql("update half_year_reports set status = 'SIGNED', signed_by = ?, signed_at = ? where id = ?")
        .params(userId, utc(at), id).update();
  }

  void accept(long id, String userId, Instant at) {
    jdbc.sql("update half_year_reports set status = 'ACCEPTED', accepted_by = ?, accepted_at = ? where id = ?")
        .params(userId, utc(at), id).update();
  }

  void returnToDraft(long id) {
    jdbc.sql("update half_year_reports set status = 'DRAFTED' where id = ?").param(id).update();
  }

  boolean summaryExists(String period) {
    return jdbc.sql("select count(*) from district_summaries where period = ?").param(period).query(Long.class)
        .single() > 0;
  }

  void insertSummary(String period, String content, Instant at) {
    jdbc.sql("insert into district_summaries (period, content, compiled_at) values (?, ?, ?)")
        .params(period, content, utc(at)).update();
  }

  Optional<String> summary(String period) {
    return jdbc.sql("select content from district_summaries where period = ?").param(period).query(String.class)
        .optional();
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
