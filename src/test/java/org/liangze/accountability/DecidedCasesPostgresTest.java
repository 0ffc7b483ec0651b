package org.liangze.accountability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The decided measures the dashboard counts by the four forms: a measure decided without a form (不予问责, 免予问责)
 * is in none of them, and one not yet decided is not counted.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DecidedCasesPostgresTest {

  static final String UNIT = "D02";
  static final OffsetDateTime AT = OffsetDateTime.of(2026, 3, 2, 1, 0, 0, 0, ZoneOffset.UTC);

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> "decided-cases-pw");
  }

  @Autowired DemoDistrict district;
  @Autowired DecidedCases decidedCases;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void district() throws java.io.IOException {
    district.seedIfEmpty(2026);
  }

  @Test
  void theFourFormsCountDecidedMeasuresWithAFormOnly() {
    long caseId = caseWithMeasures();
    assertThat(decidedCases.measuresByForm(List.of(UNIT))).as("case %d", caseId)
        .containsExactly(entry(1, 0), entry(2, 1), entry(3, 0), entry(4, 0));
    assertThat(decidedCases.measuresByForm(List.of())).containsOnlyKeys(1, 2, 3, 4);
  }

  private static java.util.Map.Entry<Integer, Integer> entry(int form, int count) {
    return java.util.Map.entry(form, count);
  }

  /** A case of the unit with one subject and three measures: form 2 decided, 不予问责 decided, form 3 undecided. */
  private long caseWithMeasures() {
    jdbc.sql("""
            insert into accountability_cases (unit_code, cause, source, status, started_by, registered_at)
            values (?, '测试：四种形态的统计', 'INSPECTION', 'DECIDED', 'jiwei', ?)""").params(UNIT, AT).update();
    long caseId = jdbc.sql("select id from accountability_cases where unit_code = ? and cause = '测试：四种形态的统计'")
        .param(UNIT).query(Long.class).single();
    jdbc.sql("""
            insert into case_subjects (case_id, responsibility, position, name, subject_kind, tier, severity, grounds)
            values (?, 'MAIN', 1, '某局党组', 'ORGANISATION', null, 'MINOR', 'NONE')""")
        .param(caseId).update();
    long subject = jdbc.sql("select id from case_subjects where case_id = ?").param(caseId).query(Long.class).single();
    measure(caseId, subject, "MEASURE", "通报批评", 2, "APPROVE");
    measure(caseId, subject, "EXEMPTION", "不予问责", null, "APPROVE");
    measure(caseId, subject, "MEASURE", "诫勉", 3, null);
    return caseId;
  }

  private void measure(long caseId, long subject, String category, String measure, Integer form, String decision) {
    jdbc.sql("""
            insert into case_measures (case_id, subject_id, category, proposed_measure, proposed_form, decision,
                                       final_measure, decided_by, decided_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(caseId, subject, category, measure, form, decision, decision == null ? null : measure,
            decision == null ? null : "quwei", decision == null ? null : AT)
        .update();
  }
}
