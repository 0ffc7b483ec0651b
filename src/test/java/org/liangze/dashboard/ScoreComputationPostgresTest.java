package org.liangze.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.liangze.dashboard.ScoreComputationProcess.Element;
import org.liangze.dashboard.ScoreComputationProcess.Variables;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.IdentitySync;
import org.liangze.organisation.UnitRepository;
import org.liangze.record.EntryKind;
import org.liangze.record.NewEntry;
import org.liangze.record.RecordManual;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Scores by a job (issue 18 part 2) on a real PostgreSQL: the dashboard's GET requests read the stored scores and
 * write nothing, before and after the job ran; the score computation job ({@code processes/score-computation.bpmn}),
 * run explicitly, sweeps the district at its first run, and after an input change (a talk entered in the record
 * manual, which marks the unit in the appending transaction) stores the unit's new score under formula 2026.2 and
 * leaves a score of the old version as it was; a self-check campaign marks the units whose self-check it opened. The
 * reads behind a score are planned for their values, in their transaction only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ScoreComputationPostgresTest {

  static final String PASSWORD = "demo-test-pw";
  /** 10:00 on 12 May 2026 in Beijing: 2026Q2. */
  static final Instant NOW = Instant.parse("2026-05-12T02:00:00Z");
  static final Period QUARTER = Period.parse("2026Q2");

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @Autowired TestRestTemplate http;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired RecordManual manual;
  @Autowired UnitRepository units;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired JdbcClient jdbc;
  @Autowired org.liangze.selfcheck.SelfCheckCampaigns campaigns;
  @Autowired ScoreInputsReader inputs;
  @Autowired org.liangze.platform.DatabaseProduct database;
  @Autowired org.springframework.transaction.support.TransactionTemplate transaction;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void getsOnlyReadTheScoresTheJobStoresAndAnInputChangeReachesTheStoredScoreThroughTheJob() throws IOException {
    ClockUtil.setCurrentTime(Date.from(NOW));
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
    int active = units.findAllActive().size();
    // a score of the former formula version, which nothing may touch
    jdbc.sql("insert into score_formulas (formula_version, definition, registered_at) values ('2026.1', 'old', ?)")
        .param(Timestamp.from(NOW)).update();
    jdbc.sql("""
            insert into unit_scores (unit_code, period, period_kind, formula_version, score, rank_in_type,
                                     units_in_type, components, computed_at)
            values ('D02', '2026Q2', 'QUARTER', '2026.1', 55.00, 1, 2, '[]', ?)""").param(Timestamp.from(NOW)).update();
    Map<String, Object> oldVersion = oldVersionRow();

    // before the job ever ran: the dashboard shows the units without scores, and writes nothing
    List<Map<String, Object>> before = scoreTables();
    Map<String, Object> board = get("/api/dashboard?period=2026Q2");
    assertThat(board.get("scoresComputedAt")).isNull();
    assertThat((List<Map<String, Object>>) board.get("units")).hasSize(active)
        .allSatisfy(u -> assertThat(u.get("score")).isNull());
    readEverything();
    assertThat(scoreTables()).isEqualTo(before);

    // the job's first run sweeps the district: every active unit, quarter and year, under 2026.2
    String first = runJob();
    assertThat(variable(first, Variables.SWEPT)).isEqualTo(true);
    assertThat(count("select count(*) from unit_scores where period = '2026Q2' and formula_version = '2026.2'"))
        .isEqualTo(active);
    assertThat(count("select count(*) from unit_scores where period = '2026' and formula_version = '2026.2'"))
        .isEqualTo(active);
    assertThat(count("select count(*) from unit_scores where period = '2026Q1' and formula_version = '2026.2'"))
        .as("the previous quarter, swept too").isEqualTo(active);
    assertThat(count("select count(*) from score_marks")).isZero();
    assertThat(count("select count(*) from unit_scores where formula_version = '2026.2' and rank_in_type < 1"))
        .as("every stored score ranked").isZero();
    assertThat(jdbc.sql("select definition from score_formulas where formula_version = '2026.2'").query(String.class)
        .single()).contains("problem summons = no talk credit");
    Map<String, Object> d02 = d02();
    Instant firstComputed = ((Timestamp) d02.get("computed_at")).toInstant();

    // GETs read the stored scores and say when they were computed; they still write nothing
    before = scoreTables();
    board = get("/api/dashboard?period=2026Q2");
    assertThat(Instant.parse((String) board.get("scoresComputedAt"))).isEqualTo(firstComputed);
    assertThat(((Number) unit(board, "D02").get("score")).doubleValue())
        .isEqualTo(((java.math.BigDecimal) d02.get("score")).doubleValue());
    assertThat(as("jiwei").getForEntity("/pages/dashboard?period=2026Q2", String.class).getBody())
        .contains("评分计算于 2026年5月12日 10:00");
    readEverything();
    assertThat(scoreTables()).isEqualTo(before);

    // an input changes: D02 records a talk; the unit is marked in the same transaction, nothing is computed
    ClockUtil.setCurrentTime(Date.from(NOW.plusSeconds(600)));
    manual.append(new NewEntry("D02", EntryKind.TALK, null, "d02sec", NOW.plusSeconds(300), "书记与新任科长廉政谈话",
        null, null, null, List.of()));
    assertThat(count("select count(*) from score_marks where unit_code = 'D02' and quarter = '2026Q2'"))
        .isPositive();
    assertThat(d02()).isEqualTo(d02);
    before = scoreTables();
    readEverything();
    assertThat(scoreTables()).as("a GET computes nothing, even with marks pending").isEqualTo(before);

    // the job, run explicitly, takes the mark up: D02's stored score rises by its talk credit
    String second = runJob();
    assertThat(variable(second, Variables.SWEPT)).isEqualTo(false);
    Map<String, Object> after = d02();
    assertThat((java.math.BigDecimal) after.get("score")).isGreaterThan((java.math.BigDecimal) d02.get("score"));
    assertThat(((Timestamp) after.get("computed_at")).toInstant()).isEqualTo(NOW.plusSeconds(600));
    assertThat((String) after.get("components")).contains("\"figure\":\"1/1\"");
    assertThat(count("select count(*) from score_marks")).isZero();
    assertThat(count("""
            select count(*) from unit_scores
             where formula_version = '2026.2' and period = '2026Q2' and computed_at > ?""", NOW))
        .as("only the marked unit is recomputed").isEqualTo(1);
    assertThat(((Number) unit(get("/api/dashboard?period=2026Q2"), "D02").get("score")).doubleValue())
        .isEqualTo(((java.math.BigDecimal) after.get("score")).doubleValue());
    // the old version's score is as it was
    assertThat(oldVersionRow()).isEqualTo(oldVersion);
    assertThat(endedAt(second)).isEqualTo(Element.ScoresComputed.name());
    assertThat(timer()).as("the next run's timer").isNotNull();

    // the 2026Q1 self-check campaign opens every unit's self-check, marking each unit for 2026Q1 in the opening
    // transaction; the next run counts the self-check as due (not done: 0/1) instead of leaving it out
    assertThat(q1SelfCheck()).contains("\"figure\":\"0/0（无应办事项，不计入）\"");
    campaigns.start("2026Q1");
    for (int round = 0; round < 50; round++) {
      List<Job> jobs = management.createJobQuery().messages().list();
      if (jobs.isEmpty()) {
        break;
      }
      jobs.forEach(job -> management.executeJob(job.getId()));
    }
    assertThat(count("select count(*) from score_marks where unit_code = 'D02' and quarter = '2026Q1'")).isPositive();
    runJob();
    assertThat(q1SelfCheck()).contains("\"figure\":\"0/1\"");
  }

  private void readEverything() {
    for (String url : List.of("/api/dashboard?period=2026Q2", "/api/dashboard/units/D02?period=2026Q2",
        "/api/dashboard/units/D02/accountability?period=2026Q2", "/api/dashboard/ranking?period=2026Q2",
        "/api/dashboard/ranking?period=2026", "/api/dashboard/ranking.xlsx?period=2026Q2",
        "/pages/dashboard?period=2026Q2", "/api/dashboard")) {
      assertThat(as("jiwei").getForEntity(url, byte[].class).getStatusCode()).as(url).isEqualTo(HttpStatus.OK);
    }
    assertThat(as("d02sec").getForEntity("/api/dashboard/units/D02?period=2026Q2", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  /** Everything the scores feature stores. */
  private List<Map<String, Object>> scoreTables() {
    List<Map<String, Object>> rows = new java.util.ArrayList<>();
    rows.addAll(jdbc.sql("select * from unit_scores order by id").query().listOfRows());
    rows.addAll(jdbc.sql("select * from score_marks order by id").query().listOfRows());
    rows.addAll(jdbc.sql("select * from score_formulas order by formula_version").query().listOfRows());
    return rows;
  }

  private Map<String, Object> d02() {
    return jdbc.sql("""
            select score, components, computed_at from unit_scores
             where unit_code = 'D02' and period = '2026Q2' and formula_version = '2026.2'""").query().singleRow();
  }

  /** D02's self-check component of 2026Q1, as stored. */
  private String q1SelfCheck() {
    String components = jdbc.sql("""
            select components from unit_scores
             where unit_code = 'D02' and period = '2026Q1' and formula_version = '2026.2'""").query(String.class)
        .single();
    int at = components.indexOf("\"key\":\"selfCheck\"");
    return components.substring(at, components.indexOf('}', at));
  }

  private Map<String, Object> oldVersionRow() {
    return jdbc.sql("select * from unit_scores where formula_version = '2026.1'").query().singleRow();
  }

  private long count(String sql, Object... params) {
    var spec = jdbc.sql(sql);
    for (Object param : params) {
      spec = spec.param(param instanceof Instant at ? Timestamp.from(at) : param);
    }
    return spec.query(Long.class).single();
  }

  private Map<String, Object> get(String url) {
    return as("jiwei").getForObject(url, Map.class);
  }

  private static Map<String, Object> unit(Map<String, Object> board, String code) {
    return ((List<Map<String, Object>>) board.get("units")).stream().filter(u -> code.equals(u.get("unitCode")))
        .findFirst().orElseThrow();
  }

  private Job timer() {
    return management.createJobQuery().timers().processDefinitionKey(ScoreComputationProcess.KEY).singleResult();
  }

  /** Fires the timer, then runs the run's jobs (a page each, then the ranking) until it has ended. */
  private String runJob() {
    var earlier = history.createHistoricProcessInstanceQuery().processDefinitionKey(ScoreComputationProcess.KEY)
        .list().stream().map(i -> i.getId()).toList();
    management.executeJob(timer().getId());
    String instance = history.createHistoricProcessInstanceQuery().processDefinitionKey(ScoreComputationProcess.KEY)
        .list().stream().map(i -> i.getId()).filter(id -> !earlier.contains(id)).findFirst().orElseThrow();
    for (int round = 0; round < 100; round++) {
      List<Job> jobs = management.createJobQuery().processInstanceId(instance).messages().list();
      if (jobs.isEmpty()) {
        break;
      }
      jobs.forEach(job -> management.executeJob(job.getId()));
    }
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance).singleResult().getEndTime())
        .isNotNull();
    return instance;
  }

  /**
   * pgjdbc prepares a statement on the server after five executions, and PostgreSQL may then keep one plan for any
   * values: for a page's record entries of a quarter that plan read every entry of the quarter (4–5 s a page at
   * district size). A page's reads are planned for their values, in that transaction only: the pool's connections
   * keep PostgreSQL's default.
   */
  @Test
  void theScoreReadsArePlannedForTheirValuesInTheirOwnTransactionOnly() {
    String during = transaction.execute(status -> {
      inputs.of(QUARTER, List.of("D01", "D02"));
      return planCacheMode();
    });
    assertThat(during).isEqualTo("force_custom_plan");
    assertThatThrownBy(() -> database.planForValuesInThisTransaction()).as("outside a transaction it would do nothing")
        .isInstanceOf(IllegalStateException.class);
    String after = transaction.execute(status -> planCacheMode());
    assertThat(after).isEqualTo("auto");
    assertThat(planCacheMode()).isEqualTo("auto");
  }

  private String planCacheMode() {
    return jdbc.sql("show plan_cache_mode").query(String.class).single();
  }

  private Object variable(String instance, String name) {
    return history.createHistoricVariableInstanceQuery().processInstanceId(instance).variableName(name)
        .singleResult().getValue();
  }

  private String endedAt(String instance) {
    return history.createHistoricActivityInstanceQuery().processInstanceId(instance).activityType("noneEndEvent")
        .singleResult().getActivityId();
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, PASSWORD);
  }
}
