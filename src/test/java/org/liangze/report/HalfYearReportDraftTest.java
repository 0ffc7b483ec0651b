package org.liangze.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The half-year report's draft (issue 16 part 6) draws on the unit's self-checks, rectifications and talks of the
 * half-year besides its record: what it did under 二、主要做法和成效, and under 三、存在的问题 the items not or partly
 * done, a rectification past its deadline and a problem summons received — records of other half-years left out.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class HalfYearReportDraftTest {

  /** 2 July 2034, 10:00 in Beijing: the first half-year has ended. */
  static final Instant NOW = Instant.parse("2034-07-02T02:00:00Z");
  static final Timestamp IN_H1 = Timestamp.from(Instant.parse("2034-03-10T02:00:00Z"));

  @Autowired DemoDistrict district;
  @Autowired HalfYearReports reports;
  @Autowired JdbcClient jdbc;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void theDraftTellsWhatTheUnitDidAndWhatIsLeftFromItsSelfChecksRectificationsAndTalks() throws IOException {
    ClockUtil.setCurrentTime(Date.from(NOW));
    district.seedIfEmpty(2034);
    // self-checks: 2034Q1 accepted with one item partly done; 2033Q4 (another half-year) not mentioned
    for (String quarter : new String[] {"2033Q4", "2034Q1"}) {
      jdbc.sql("""
              insert into self_check_campaigns (check_quarter, check_year, quarter_number, unit_count, started_at)
              values (?, ?, ?, 1, ?)""")
          .params(quarter, Integer.parseInt(quarter.substring(0, 4)), Integer.parseInt(quarter.substring(5)), IN_H1)
          .update();
      jdbc.sql("insert into self_checks (unit_code, check_quarter, status, opened_at) values ('D02', ?, 'ACCEPTED', ?)")
          .params(quarter, IN_H1).update();
    }
    long item = jdbc.sql("select min(id) from list_items").query(Long.class).single();
    long other = jdbc.sql("select min(id) from list_items where id > ?").param(item).query(Long.class).single();
    result("2034Q1", item, 1, "DONE", null);
    result("2034Q1", other, 2, "PARTLY", "制度修订稿待党组会审议");
    // rectifications: one verified before its deadline, one open past its deadline, one of 2033 (still counted as
    // overdue: it is still open)
    rectification("台账不全", LocalDate.of(2034, 3, 31), "VERIFIED", IN_H1, Timestamp.from(Instant.parse("2034-03-20T02:00:00Z")));
    rectification("制度未更新", LocalDate.of(2034, 6, 15), "OPEN", IN_H1, null);
    // talks: an integrity talk held with two commitments (one carried out) and a problem summons received
    long talk = talk("INTEGRITY_TALK", "新任科长任前谈话");
    commitment(talk, 1, "VERIFIED");
    commitment(talk, 2, "OPEN");
    talk("PROBLEM_SUMMONS", "逾期未办：2034年第一季度自查");

    jdbc.sql("insert into report_campaigns (period, started_at) values ('2034H1', ?)").param(Timestamp.from(NOW))
        .update();
    long id = reports.draft("D02", "2034H1");
    String text = reports.draftTextOf(id);

    String practice = text.substring(text.indexOf("二、主要做法和成效"), text.indexOf("三、存在的问题"));
    String problems = text.substring(text.indexOf("三、存在的问题"), text.indexOf("四、下一步工作打算"));
    assertThat(practice)
        .contains("季度自查：2034年第1季度审核通过，自查2项（已完成1项、部分完成1项、未完成0项）。")
        .doesNotContain("2033年")
        .contains("整改：本半年度新开整改2项，已验收1项（其中按期1项），尚未完成1项。")
        .contains("谈话：开展廉政谈话1次，作出整改承诺2条，已落实1条。")
        .doesNotContain("问题约谈")
        .contains("（请结合纪实手册补充）");
    assertThat(problems)
        .contains("2034年第1季度自查：").contains("部分完成（制度修订稿待党组会审议）。")
        .contains("整改“制度未更新”逾期未完成（期限2034-06-15）。")
        .doesNotContain("台账不全")
        .contains("接受问题约谈：逾期未办：2034年第一季度自查。")
        .contains("（请如实填写，含逾期事项及原因）");
  }

  private void result(String quarter, long item, int position, String status, String note) {
    jdbc.sql("""
            insert into self_check_results (unit_code, check_quarter, list_item_id, position, status, note, assessed_by,
                                            assessed_at)
            values ('D02', ?, ?, ?, ?, ?, 'd02staff', ?)""")
        .params(quarter, item, position, status, note, IN_H1).update();
  }

  private void rectification(String subject, LocalDate deadline, String status, Timestamp opened, Timestamp verified) {
    jdbc.sql("""
            insert into rectifications (unit_code, subject, cause, deadline, status, opened_at, verified_by, verified_at)
            values ('D02', ?, '自查', ?, ?, ?, ?, ?)""")
        .params(subject, deadline, status, opened, verified == null ? null : "jiwei", verified).update();
  }

  private long talk(String kind, String cause) {
    jdbc.sql("""
            insert into talks (unit_code, kind, cause, status, process_instance_id, started_at, held_at)
            values ('D02', ?, ?, 'FOLLOWING_UP', ?, ?, ?)""")
        .params(kind, cause, "talk-" + kind, IN_H1, IN_H1).update();
    return jdbc.sql("select id from talks where process_instance_id = ?").param("talk-" + kind).query(Long.class)
        .single();
  }

  private void commitment(long talk, int position, String status) {
    jdbc.sql("""
            insert into talk_commitments (talk_id, position, content, due_date, status, verified_at)
            values (?, ?, '建立谈话台账', ?, ?, ?)""")
        .params(talk, position, LocalDate.of(2034, 5, 1), status, "VERIFIED".equals(status) ? IN_H1 : null).update();
  }
}
