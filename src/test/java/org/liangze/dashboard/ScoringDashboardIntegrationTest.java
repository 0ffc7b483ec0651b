package org.liangze.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.Groups;
import org.liangze.organisation.Official;
import org.liangze.organisation.IdentitySync;
import org.liangze.record.EntryKind;
import org.liangze.record.NewEntry;
import org.liangze.record.RecordManual;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Unit scores on a seeded district with known records (2025Q3), checked against figures worked out by hand (formula
 * 2026.2, docs/scoring.md); formula versions; the dashboard's refusals; the ranking exports read back. D02 had
 * nothing due but an unfinished self-check and was summoned once: it must not outrank D01, which did its work.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ScoringDashboardIntegrationTest {

  static final String PASSWORD = "demo-test-pw";
  static final Period Q3 = Period.parse("2025Q3");
  /** 10:00 on 5 August 2025 in Jinan, inside 2025Q3. */
  static final Instant IN_Q3 = Instant.parse("2025-08-05T02:00:00Z");

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
    // the guidebook reads its durations from the configuration (and the ladder's from escalation-policy.dmn)
    registry.add("liangze.deadlines.letter-signing", () -> "P21D");
  }

  @Autowired TestRestTemplate http;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired RecordManual manual;
  @Autowired Scores scores;
  @Autowired DashboardService dashboard;
  @Autowired JdbcClient jdbc;

  private static boolean seeded;

  @BeforeEach
  void district() throws IOException {
    if (district.seedIfEmpty(2025)) {
      identitySync.sync();
    }
    if (!seeded) {
      seedRecords();
      seeded = true;
    }
  }

  /** D01's 2025Q3, every figure known; D02 has only an unfinished self-check and a problem summons. */
  void seedRecords() {
    // tasks: t1, t2 on time; t3 completed but escalated as overdue; t4 completed with a late reason; t5 overdue, open
    task("t1", null);
    task("t2", null);
    task("t3", null);
    task("t4", "外出检查，未能按时办理");
    step("t3");
    step("t5");
    // manual entries: 4, two with evidence; two talks
    jdbc.sql("""
            insert into evidence_files (content_hash, hash_algorithm, size_bytes, media_type, original_name, content,
                                        uploaded_by, uploaded_at) values ('h1', 'SM3', 3, 'text/plain', '会议纪要.txt',
                                        ?, 'd01staff', ?)""")
        .params(new byte[] {1, 2, 3}, Timestamp.from(IN_Q3)).update();
    entry(EntryKind.MEETING, "党组会专题研究党风廉政建设", List.of("h1"));
    entry(EntryKind.TALK, "书记与新任科长廉政谈话", List.of());
    entry(EntryKind.TALK, "纪检委员与财务人员谈话", List.of("h1"));
    entry(EntryKind.STUDY, "集中学习纪律处分条例", List.of());
    // the same file used by D02 before the quarter: one reused file for D01, none for D02
    jdbc.sql("insert into evidence_uses (content_hash, unit_code, first_used_at) values ('h1', 'D01', ?)")
        .param(Timestamp.from(IN_Q3)).update();
    jdbc.sql("insert into evidence_uses (content_hash, unit_code, first_used_at) values ('h1', 'D02', ?)")
        .param(Timestamp.from(Instant.parse("2025-01-10T02:00:00Z"))).update();
    // self-checks: D01 accepted, D02 still assessing
    jdbc.sql("""
            insert into self_check_campaigns (check_quarter, check_year, quarter_number, unit_count, started_at)
            values ('2025Q3', 2025, 3, 2, ?)""").param(Timestamp.from(IN_Q3)).update();
    jdbc.sql("insert into self_checks (unit_code, check_quarter, status, opened_at) values ('D01', '2025Q3', 'ACCEPTED', ?)")
        .param(Timestamp.from(IN_Q3)).update();
    jdbc.sql("insert into self_checks (unit_code, check_quarter, status, opened_at) values ('D02', '2025Q3', 'ASSESSING', ?)")
        .param(Timestamp.from(IN_Q3)).update();
    // rectifications: one verified before its deadline, one open
    jdbc.sql("""
            insert into rectifications (unit_code, subject, cause, deadline, status, opened_at, verified_by, verified_at)
            values ('D01', '台账不全', '自查', ?, 'VERIFIED', ?, 'jiwei', ?)""")
        .params(LocalDate.of(2025, 8, 31), Timestamp.from(IN_Q3), Timestamp.from(Instant.parse("2025-08-20T02:00:00Z")))
        .update();
    jdbc.sql("""
            insert into rectifications (unit_code, subject, cause, deadline, status, opened_at)
            values ('D01', '制度未更新', '自查', ?, 'OPEN', ?)""")
        .params(LocalDate.of(2025, 9, 30), Timestamp.from(IN_Q3)).update();
    // accountability: a request of the ladder that no case took up, a complaint found unfounded (closed without
    // measures) and an inspection finding decided with a form-2 measure (通报, overridden to 诫勉) and a form-1 one:
    // only the decided case costs points, by its heaviest form (2: −5)
    jdbc.sql("""
            insert into accountability_requests (unit_code, cause, first_task_id, requested_at, status)
            values ('D01', '逾期未办：季度自查 / assess', 't5', ?, 'OPEN')""").param(Timestamp.from(IN_Q3)).update();
    caseOf("D01", "信访举报：不实", "COMPLAINT", "CLOSED");
    long decided = caseOf("D01", "巡察发现：台账造假", "INSPECTION", "DECIDED");
    measure(decided, "通报", 2, "OVERRIDE", "诫勉");
    measure(decided, "检查", 1, "APPROVE", "检查");
    // D02 was summoned once (a problem summons talk held and recorded as a talk): no talk credit
    long seq = manual.append(new NewEntry("D02", EntryKind.TALK, null, "jiwei", IN_Q3, "问题约谈：逾期未办", null,
        null, null, List.of())).seq();
    jdbc.sql("""
            insert into talks (unit_code, kind, cause, status, process_instance_id, started_at, held_at, record_seq)
            values ('D02', 'PROBLEM_SUMMONS', '逾期未办', 'FOLLOWING_UP', 'summons-d02', ?, ?, ?)""")
        .params(Timestamp.from(IN_Q3), Timestamp.from(IN_Q3), seq).update();
    long listId = jdbc.sql("select id from responsibility_lists where unit_code = 'D01' and list_year = 2025")
        .query(Long.class).list().get(0);
    jdbc.sql("""
            insert into list_quality_flags (list_id, kind, similar_unit_code, similarity, message, checked_at)
            values (?, 'COPYING', 'D02', 0.9, '与区住房和城乡建设局清单高度相似', ?)""")
        .params(listId, Timestamp.from(IN_Q3)).update();
  }

  private long caseOf(String unit, String cause, String source, String status) {
    jdbc.sql("""
            insert into accountability_cases (unit_code, cause, source, status, registered_at)
            values (?, ?, ?, ?, ?)""").params(unit, cause, source, status, Timestamp.from(IN_Q3)).update();
    return jdbc.sql("select id from accountability_cases where unit_code = ? and cause = ?").params(unit, cause)
        .query(Long.class).single();
  }

  private void measure(long caseId, String proposed, int form, String decision, String finalMeasure) {
    jdbc.sql("""
            insert into case_subjects (case_id, responsibility, position, name, subject_kind, tier, severity)
            values (?, 'MAIN', 1, '区教育和体育局党组', 'ORGANISATION', null, 'MINOR')""")
        .param(caseId).update();
    long subject = jdbc.sql("select max(id) from case_subjects where case_id = ?").param(caseId).query(Long.class)
        .single();
    jdbc.sql("""
            insert into case_measures (case_id, subject_id, proposed_measure, proposed_form, decision, final_measure,
                                       decided_by, decided_at)
            values (?, ?, ?, ?, ?, ?, 'quwei', ?)""")
        .params(caseId, subject, proposed, form, decision, finalMeasure,
            Timestamp.from(Instant.parse("2025-09-01T02:00:00Z"))).update();
  }

  private void task(String taskId, String lateReason) {
    manual.append(new NewEntry("D01", EntryKind.TASK_COMPLETED, null, "d01sec", IN_Q3, "完成任务", lateReason,
        null, taskId, List.of()));
  }

  private void step(String taskId) {
    jdbc.sql("""
            insert into escalation_steps (task_id, task_name, unit_code, level, due_at, taken_at)
            values (?, '自查', 'D01', 'OVERDUE', ?, ?)""")
        .params(taskId, Timestamp.from(IN_Q3), Timestamp.from(IN_Q3)).update();
  }

  private void entry(EntryKind kind, String summary, List<String> evidence) {
    manual.append(new NewEntry("D01", kind, null, "d01staff", IN_Q3, summary, null, null, null, evidence));
  }

  @Test
  void scoresMatchTheFiguresWorkedOutByHand() {
    List<UnitScore> all = scores.compute(Q3);
    UnitScore d01 = all.stream().filter(s -> s.unitCode().equals("D01")).findFirst().orElseThrow();
    Map<String, ScoreFormula.Component> parts = new java.util.HashMap<>();
    d01.components().forEach(c -> parts.put(c.key(), c));
    // timeliness: on time t1, t2; late t3 (escalated), t4 (late reason), t5 (overdue) → 2/5 × 30 = 12
    assertThat(parts.get("timeliness").figure()).isEqualTo("2/5");
    assertThat(parts.get("timeliness").points()).isEqualByComparingTo("12.00");
    assertThat(parts.get("selfCheck").points()).isEqualByComparingTo("20.00");          // 1/1 × 20
    assertThat(parts.get("rectificationRate").points()).isEqualByComparingTo("7.50");   // 1/2 × 15
    assertThat(parts.get("rectificationSpeed").points()).isEqualByComparingTo("5.00");  // 1/2 × 10
    assertThat(parts.get("evidence").figure()).isEqualTo("2/4");
    assertThat(parts.get("evidence").points()).isEqualByComparingTo("7.50");            // 2/4 × 15
    assertThat(parts.get("talks").figure()).isEqualTo("2/1");
    assertThat(parts.get("talks").points()).isEqualByComparingTo("10.00");              // min(1, 2/1) × 10
    // the decided inspection case, by its heaviest form (2); the unfounded complaint and the ladder's request: 0
    assertThat(parts.get("accountabilityCases").figure()).isEqualTo("1（第二种形态1件）");
    assertThat(parts.get("accountabilityCases").points()).isEqualByComparingTo("-5.00");
    assertThat(parts.get("copyFlags").points()).isEqualByComparingTo("-3.00");
    assertThat(parts.get("reusedEvidence").points()).isEqualByComparingTo("-2.00");
    // 12 + 20 + 7.5 + 5 + 7.5 + 10 − 5 − 3 − 2
    assertThat(d01.score()).isEqualByComparingTo("52.00");
    // D02: no task and no rectification due, so timeliness and rectification leave the weighting instead of counting
    // as 100 %; an unfinished self-check (0/1), evidence 0/1 (the summons entry), talks 0/1 (a summons is no talk):
    // 100 × (0.20 × 0 + 0.15 × 0 + 0.10 × 0) / 0.45 = 0 — under 2026.1 it scored 55 and ranked above D01
    UnitScore d02 = all.stream().filter(s -> s.unitCode().equals("D02")).findFirst().orElseThrow();
    Map<String, ScoreFormula.Component> idle = new java.util.HashMap<>();
    d02.components().forEach(c -> idle.put(c.key(), c));
    assertThat(idle.get("timeliness").rate()).isNull();
    assertThat(idle.get("timeliness").weight()).isNull();
    assertThat(idle.get("rectificationRate").points()).isEqualByComparingTo("0");
    assertThat(idle.get("selfCheck").weight()).isEqualByComparingTo("0.4444");
    assertThat(idle.get("talks").figure()).isEqualTo("0/1（另有问题约谈1次，不计入）");
    assertThat(d02.score()).isEqualByComparingTo("0.00");
    // ranked among the two district departments: the unit that did its work first
    assertThat(d01.rankInType()).isEqualTo(1);
    assertThat(d02.rankInType()).isEqualTo(2);
    assertThat(d01.unitsInType()).isEqualTo(2);
    // every figure links to its records
    assertThat(parts.get("selfCheck").links()).extracting(ScoreFormula.Link::url)
        .containsExactly("/api/units/D01/self-checks");
    assertThat(parts.get("timeliness").links()).extracting(ScoreFormula.Link::url)
        .contains("/pages/units/D01/record");
    assertThat(parts.get("copyFlags").links()).extracting(ScoreFormula.Link::url)
        .containsExactly("/api/lists/" + jdbc.sql("select list_id from list_quality_flags").query(Long.class)
            .single());
    assertThat(as("d01sec").getForEntity(parts.get("selfCheck").links().get(0).url(), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    // stored with the formula version
    assertThat(scores.stored("D01", Q3, scores.formula().version())).get()
        .extracting(UnitScore::score).isEqualTo(new BigDecimal("52.00"));
  }

  @Test
  void aNewFormulaVersionLeavesOldScoresAsTheyWere() {
    scores.compute(Q3);
    String v1 = scores.formula().version();
    Map<String, Object> before = jdbc.sql(
            "select score, components, computed_at from unit_scores where unit_code = 'D01' and period = '2025Q3' and formula_version = ?")
        .param(v1).query().singleRow();
    ScoringProperties heavierTalks = new ScoringProperties("test-2",
        new ScoringProperties.Weights(new BigDecimal("0.20"), new BigDecimal("0.20"), new BigDecimal("0.15"),
            new BigDecimal("0.10"), new BigDecimal("0.15"), new BigDecimal("0.20")),
        2, new ScoringProperties.Deductions(new BigDecimal("2"), new BigDecimal("10"), new BigDecimal("15"),
            new BigDecimal("20"), new BigDecimal("3"), new BigDecimal("2")));
    List<UnitScore> v2 = scores.compute(Q3, new ScoreFormula(heavierTalks));
    // 2/5×20 + 20 + 7.5 + 5 + 7.5 + min(1, 2/2)×20 − 10 (form 2) − 3 − 2 = 8 + 20 + 7.5 + 5 + 7.5 + 20 − 15
    assertThat(v2.stream().filter(s -> s.unitCode().equals("D01")).findFirst().orElseThrow().score())
        .isEqualByComparingTo("53.00");
    Map<String, Object> after = jdbc.sql(
            "select score, components, computed_at from unit_scores where unit_code = 'D01' and period = '2025Q3' and formula_version = ?")
        .param(v1).query().singleRow();
    assertThat(after).isEqualTo(before);
    assertThat(scores.definitionOf("test-2")).get().asString().contains("0.2 * talks");
    // a version cannot be reused with other numbers
    ScoringProperties sameVersionOtherNumbers = new ScoringProperties("test-2", heavierTalks.weights(), 3,
        heavierTalks.deductions());
    assertThatThrownBy(() -> scores.compute(Q3, new ScoreFormula(sameVersionOtherNumbers)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("test-2");
  }

  @Test
  void aUnitSeesItsOwnFiguresOnlyAndSupervisorsTheDistrict() {
    scores.compute(Q3);
    assertThat(as("d01sec").getForEntity("/api/dashboard/units/D02?period=2025Q3", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as("d01sec").getForEntity("/api/dashboard/units/D02/accountability?period=2025Q3", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as("d01sec").getForEntity("/api/dashboard/units/D01?period=2025Q3", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    ResponseEntity<Map> own = as("d01sec").getForEntity("/api/dashboard?period=2025Q3", Map.class);
    // its own unit and, level by level, its sections
    assertThat((List<Map<String, Object>>) own.getBody().get("units")).extracting(u -> u.get("unitCode"))
        .containsExactlyInAnyOrder("D01", "D01S01", "D01S02");
    ResponseEntity<Map> all = as("jiwei").getForEntity("/api/dashboard?period=2025Q3", Map.class);
    assertThat((List<?>) all.getBody().get("units")).hasSize(11);
    assertThat(http.getForEntity("/api/dashboard", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    ResponseEntity<String> page = as("quwei").getForEntity("/pages/dashboard?period=2025Q3", String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("两责监督看板", "区教育和体育局", "52.00", "/webjars/echarts/5.3.1/dist/echarts.min.js",
        "第一种形态");
    assertThat(http.getForEntity("/webjars/echarts/5.3.1/dist/echarts.min.js", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    ResponseEntity<String> guidebook = as("d01sec").getForEntity("/pages/guidebook", String.class);
    assertThat(guidebook.getBody()).contains("id=\"first-form\"", "id=\"accountability\"", "从轻", "从重")
        .contains("<strong>21天</strong>内阅读并签订", "逾期 <span>5天</span>");
  }

  /** The trend and the year's score come from the stored scores of each period (read in one query for the trend). */
  @Test
  void eachUnitsTrendAndYearAreItsStoredScores() {
    Period q1 = Period.parse("2025Q1");
    Period q2 = Period.parse("2025Q2");
    Period year = Period.parse("2025");
    Map<Period, Map<String, BigDecimal>> stored = new java.util.HashMap<>();
    for (Period period : List.of(q1, q2, Q3, year)) {
      stored.put(period, scores.compute(period).stream()
          .collect(java.util.stream.Collectors.toMap(UnitScore::unitCode, UnitScore::score)));
    }
    assertThat(stored.get(Q3)).isNotEqualTo(stored.get(q1));

    DashboardService.Dashboard board = dashboard.of(Official.of("jiwei", List.of(Groups.DISCIPLINE_COMMISSION)), Q3);

    assertThat(board.trendLabels()).hasSize(3);
    assertThat(board.units()).hasSize(11).allSatisfy(row -> {
      assertThat(row.trend()).containsExactly(stored.get(q1).get(row.unitCode()), stored.get(q2).get(row.unitCode()),
          stored.get(Q3).get(row.unitCode()));
      assertThat(row.score()).isEqualTo(stored.get(Q3).get(row.unitCode()));
      assertThat(row.yearScore()).isEqualTo(stored.get(year).get(row.unitCode()));
    });
  }

  @Test
  void rankingExportsHoldTheFiguresOfTheDashboard() throws IOException {
    List<UnitScore> ranking = scores.compute(Q3);
    ResponseEntity<byte[]> xlsx = as("jiwei").getForEntity("/api/dashboard/ranking.xlsx?period=2025Q3", byte[].class);
    assertThat(xlsx.getStatusCode()).isEqualTo(HttpStatus.OK);
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getBody()))) {
      Sheet sheet = workbook.getSheetAt(0);
      assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("单位类型");
      assertThat(sheet.getLastRowNum()).isEqualTo(1 + ranking.size());
      for (int i = 0; i < ranking.size(); i++) {
        Row row = sheet.getRow(2 + i);
        assertThat(row.getCell(2).getStringCellValue()).isEqualTo(ranking.get(i).unitCode());
        assertThat(row.getCell(4).getNumericCellValue()).isEqualTo(ranking.get(i).score().doubleValue());
        assertThat((int) row.getCell(1).getNumericCellValue()).isEqualTo(ranking.get(i).rankInType());
      }
    }
    ResponseEntity<byte[]> pdf = as("jiwei").getForEntity("/api/dashboard/ranking.pdf?period=2025Q3", byte[].class);
    assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.OK);
    try (PDDocument document = Loader.loadPDF(pdf.getBody())) {
      String text = new PDFTextStripper().getText(document);
      assertThat(text).contains("2025年第3季度两个责任落实情况排名");
      for (UnitScore score : ranking) {
        assertThat(text).contains(score.unitName()).contains(RankingExports.plain(score.score()));
      }
    }
    // a unit's export holds its own row only (D02 has no units under it: a parent's also holds its children's)
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(
        as("d02sec").getForEntity("/api/dashboard/ranking.xlsx?period=2025Q3", byte[].class).getBody()))) {
      assertThat(workbook.getSheetAt(0).getLastRowNum()).isEqualTo(2);
      assertThat(workbook.getSheetAt(0).getRow(2).getCell(2).getStringCellValue()).isEqualTo("D02");
    }
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, PASSWORD);
  }
}
