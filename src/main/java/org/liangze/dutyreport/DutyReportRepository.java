package org.liangze.dutyreport;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class DutyReportRepository {

  private final JdbcClient jdbc;

  DutyReportRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Claims the member's report of the year; a second claim fails on the unique key. */
  long insert(int year, String unitCode, String userId, String processInstanceId, OffsetDateTime at) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
            insert into duty_reports (report_year, unit_code, user_id, process_instance_id, status, started_at)
            values (?, ?, ?, ?, 'WRITING', ?)""")
        .params(year, unitCode, userId, processInstanceId, at)
        .update(key, "id");
    return key.getKey().longValue();
  }

  /** "unit/login" of every member whose report of the year is claimed. */
  Set<String> claimed(int year) {
    return jdbc.sql("select unit_code, user_id from duty_reports where report_year = ?").param(year)
        .query((rs, n) -> rs.getString(1) + "/" + rs.getString(2)).list().stream().collect(Collectors.toSet());
  }

  boolean submit(long id, String report, OffsetDateTime at) {
    return jdbc.sql("""
            update duty_reports set status = 'SUBMITTED', report = ?, submitted_at = ?
             where id = ? and status = 'WRITING'""")
        .params(report, at, id).update() == 1;
  }

  boolean review(long id, boolean accepted, String comments, String by, OffsetDateTime at) {
    return jdbc.sql("""
            update duty_reports set status = ?, review_comments = ?, reviewed_by = ?, reviewed_at = ?
             where id = ? and status = 'SUBMITTED'""")
        .params(accepted ? "ACCEPTED" : "WRITING", comments, by, at, id).update() == 1;
  }

  Optional<String> status(long id) {
    return jdbc.sql("select status from duty_reports where id = ?").param(id).query(String.class).optional();
  }
}
