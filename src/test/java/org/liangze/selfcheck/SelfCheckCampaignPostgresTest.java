package org.liangze.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.organisation.Groups;
import org.liangze.organisation.UnitRepository;
import org.liangze.platform.ConflictException;
import org.liangze.support.CampaignDistrict;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The quarterly self-check on a real PostgreSQL: a district of 200 units, a campaign requested twice at the same
 * moment, and every job run — exactly one campaign, the units started in batches (one job each; the batch size set
 * small here) and exactly one unit sub-process per unit; a unit whose start fails is retried alone, the rest of its
 * batch opening in jobs of their own. Then the campaign API over HTTP. The job executor is off: the test runs the
 * jobs, so it knows when they are done.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SelfCheckCampaignPostgresTest {

  static final String PASSWORD = "demo-test-pw";
  static final int UNITS = 200;
  /** Smaller than the default, so that 200 units make several batches, the last one short: 30 × 6 + 20. */
  static final int UNITS_PER_JOB = 30;
  static final int BATCHES = (UNITS + UNITS_PER_JOB - 1) / UNITS_PER_JOB;

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
    registry.add("liangze.self-check.units-per-job", () -> UNITS_PER_JOB);
  }

  @Autowired CampaignDistrict campaignDistrict;
  @Autowired UnitRepository units;
  @Autowired SelfCheckCampaigns campaigns;
  @Autowired IdentityService identity;
  @Autowired RuntimeService runtimeService;
  @Autowired ProcessEngine engine;
  @Autowired ManagementService management;
  @Autowired JdbcClient jdbc;
  @Autowired TestRestTemplate http;
  final ObjectMapper json = new ObjectMapper();

  /** The demo district (its people log in) grown to 200 units, all carrying the common list of 2024 and 2025. */
  @BeforeEach
  void district() {
    campaignDistrict.seedIfEmpty(UNITS, 2024, 2025);
  }

  @Test
  void twoConcurrentStartsOfAQuarterLaunchOneCampaignWithExactlyOneSubProcessPerUnit() throws Exception {
    assertThat(units.findAllActive()).hasSize(UNITS);
    CountDownLatch ready = new CountDownLatch(2);
    CountDownLatch go = new CountDownLatch(1);
    Callable<String> start = () -> {
      identity.setAuthentication("jiwei", List.of(Groups.DISCIPLINE_COMMISSION));
      try {
        ready.countDown();
        go.await();
        return campaigns.start("2025Q3").processInstanceId();
      } catch (ConflictException refused) {
        return "refused";
      } finally {
        identity.clearAuthentication();
      }
    };
    ExecutorService threads = Executors.newFixedThreadPool(2);
    List<Future<String>> results;
    try {
      Future<String> first = threads.submit(start);
      Future<String> second = threads.submit(start);
      ready.await(30, TimeUnit.SECONDS);
      go.countDown();
      results = List.of(first, second);
      List<String> outcomes = new ArrayList<>();
      for (Future<String> result : results) {
        outcomes.add(result.get(120, TimeUnit.SECONDS));
      }
      assertThat(outcomes).containsOnlyOnce("refused");
      String campaignId = outcomes.stream().filter(outcome -> !outcome.equals("refused")).findFirst().orElseThrow();

      long started = System.nanoTime();
      int executed = runAllJobs(campaignId);
      long millis = (System.nanoTime() - started) / 1_000_000;
      // the batches' multi-instance body, then one job per batch of units (none per unit)
      assertThat(executed).isEqualTo(1 + BATCHES);
      assertThat(BATCHES).isEqualTo(7);
      assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(campaignId)
          .activityId(QuarterlySelfCheckProcess.Element.UnitBatches.name()).count()).isEqualTo(BATCHES);
      // the batches and the multi-instances' counters are runtime state: no history row per batch or per unit
      assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(campaignId)
          .variableNameIn(QuarterlySelfCheckProcess.Variables.UNIT_BATCH, "nrOfInstances", "loopCounter").count())
          .isZero();
      assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(campaignId)
          .variableName(QuarterlySelfCheckProcess.Variables.UNIT_CODE).count()).isEqualTo(UNITS);
      // each unit's historic variable is its history: no detail row repeats it
      assertThat(engine.getHistoryService().createHistoricDetailQuery().processInstanceId(campaignId)
          .variableUpdates().list()).extracting(detail -> ((org.camunda.bpm.engine.history.HistoricVariableUpdate)
              detail).getVariableName()).doesNotContain(QuarterlySelfCheckProcess.Variables.UNIT_CODE);

      List<ProcessInstance> unitInstances = runtimeService.createProcessInstanceQuery()
          .processDefinitionKey(UnitSelfCheckProcess.KEY).superProcessInstanceId(campaignId).list();
      assertThat(unitInstances).hasSize(UNITS);
      Set<String> keys = new HashSet<>();
      unitInstances.forEach(instance -> keys.add(instance.getBusinessKey()));
      assertThat(keys).hasSize(UNITS).contains("selfcheck-D01-2025Q3", "selfcheck-V001-2025Q3");
      assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(UnitSelfCheckProcess.KEY)
          .processInstanceBusinessKeyLike("%-2025Q3").count()).isEqualTo(UNITS);
      assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(QuarterlySelfCheckProcess.KEY)
          .processInstanceBusinessKey("selfcheck-2025Q3").count()).isEqualTo(1);
      assertThat(jdbc.sql("select count(*) from self_check_campaigns where check_quarter = '2025Q3'")
          .query(Long.class).single()).isEqualTo(1);
      assertThat(jdbc.sql("select count(*) from self_checks where check_quarter = '2025Q3'")
          .query(Long.class).single()).isEqualTo(UNITS);
      assertThat(engineTasks("2025Q3")).isEqualTo(UNITS);
      System.out.printf("Self-check campaign of %d units launched by its jobs in %d ms%n", UNITS, millis);

      SelfCheckCampaigns.Progress progress = campaigns.progress("2025Q3");
      assertThat(progress.units()).isEqualTo(UNITS);
      assertThat(progress.opened()).isEqualTo(UNITS);
      assertThat(progress.selfChecks().get(SelfCheckStatus.ASSESSING)).isEqualTo(UNITS);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aUnitWhoseStartFailsIsRetriedAloneWhileTheRestOfItsBatchOpensAndARetryStartsItOnce() {
    String campaignId = asCommission(() -> campaigns.start("2025Q1").processInstanceId());
    List<String> batches = campaigns.unitBatches("2025Q1");
    assertThat(batches).hasSize(BATCHES);
    List<String> failingBatch = SelfCheckCampaigns.split(batches.get(2));
    // a unit of the third batch has its self-check of the quarter already: its start is refused, so its batch's
    // transaction fails as a whole the first time
    String refused = failingBatch.get(5);
    jdbc.sql("insert into self_checks (unit_code, check_quarter, status, opened_at) values (?, '2025Q1', 'ASSESSING', "
        + "now())").param(refused).update();

    Job body = management.createJobQuery().processInstanceId(campaignId).singleResult();
    management.executeJob(body.getId());
    assertThat(management.createJobQuery().processInstanceId(campaignId).count()).isEqualTo(BATCHES);
    List<String> failedAttempts = new ArrayList<>();
    // every job with retries left run until none is (the engine's default: three attempts a job)
    for (List<Job> jobs = List.of(); !(jobs = management.createJobQuery().processInstanceId(campaignId)
        .withRetriesLeft().list()).isEmpty(); ) {
      assertThat(failedAttempts).as("failed attempts so far").hasSizeLessThan(10);
      for (Job job : jobs) {
        try {
          management.executeJob(job.getId());
        } catch (RuntimeException failed) {
          failedAttempts.add(job.getId());
        }
      }
    }
    // the batch failed once; its retry opened each of its units in a job of its own: the refused unit's job failed
    // three times, every other unit of the batch opened
    Job failed = management.createJobQuery().processInstanceId(campaignId).noRetriesLeft().singleResult();
    assertThat(failedAttempts).hasSize(4).containsOnlyOnce(failedAttempts.get(0)).endsWith(failed.getId(),
        failed.getId(), failed.getId());
    assertThat(failed.getId()).isNotEqualTo(failedAttempts.get(0));
    assertThat(management.createJobQuery().processInstanceId(campaignId).count()).isOne();
    List<String> startedUnits = unitsStarted("2025Q1");
    assertThat(startedUnits).hasSize(UNITS - 1).doesNotHaveDuplicates().doesNotContain(refused)
        .containsAll(failingBatch.stream().filter(unit -> !unit.equals(refused)).toList());
    // one incident, on the refused unit's own job, naming the unit and the cause
    List<Incident> incidents = runtimeService.createIncidentQuery().processInstanceId(campaignId).list();
    assertThat(incidents).singleElement().satisfies(incident -> {
      assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
      assertThat(incident.getActivityId())
          .isEqualTo(QuarterlySelfCheckProcess.Element.UnitSelfChecksOneByOne.name());
      assertThat(incident.getConfiguration()).isEqualTo(failed.getId());
      assertThat(incident.getIncidentMessage()).contains(units.findByCode(refused).orElseThrow().name())
          .contains("自查已经开始，不能重复开始");
    });

    // the cause removed, the unit's job retried: the unit started once, none of the others again
    jdbc.sql("delete from self_checks where unit_code = ? and check_quarter = '2025Q1'").param(refused).update();
    management.setJobRetries(failed.getId(), 1);
    management.executeJob(failed.getId());
    assertThat(runtimeService.createIncidentQuery().processInstanceId(campaignId).count()).isZero();
    assertThat(unitsStarted("2025Q1")).hasSize(UNITS).doesNotHaveDuplicates()
        .containsAll(units.findAllActive().stream().map(unit -> unit.code()).toList());
    assertThat(jdbc.sql("select count(*) from self_checks where check_quarter = '2025Q1'").query(Long.class)
        .single()).isEqualTo(UNITS);
    assertThat(management.createJobQuery().processInstanceId(campaignId).count()).isZero();
    // only the failed batch went one by one
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(campaignId)
        .activityId(QuarterlySelfCheckProcess.Element.UnitSelfChecksOneByOne.name()).list())
        .hasSize(failingBatch.size());
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(campaignId)
        .activityId(QuarterlySelfCheckProcess.Element.UnitSelfChecks.name()).count())
        .isEqualTo(UNITS - failingBatch.size());
  }

  /** The units whose self-check sub-process of the quarter runs, by its business key (one entry per instance). */
  private List<String> unitsStarted(String quarter) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(UnitSelfCheckProcess.KEY)
        .processInstanceBusinessKeyLike("%-" + quarter).list().stream()
        .map(instance -> instance.getBusinessKey().substring("selfcheck-".length(),
            instance.getBusinessKey().length() - quarter.length() - 1))
        .toList();
  }

  private <T> T asCommission(java.util.function.Supplier<T> action) {
    identity.setAuthentication("jiwei", List.of(Groups.DISCIPLINE_COMMISSION));
    try {
      return action.get();
    } finally {
      identity.clearAuthentication();
    }
  }

  @Test
  void theCampaignApiAnswersWhoMayStartAndWhoMayRead() throws Exception {
    assertThat(post("d01sec", Map.of("quarter", "2024Q4")).getStatusCode())
        .as("a unit secretary may not start the district's self-check").isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(post("jiwei", Map.of("quarter", "2024Q9")).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(post("jiwei", Map.of("quarter", "2099Q1")).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    ResponseEntity<String> created = post("jiwei", Map.of("quarter", "2024Q4"));
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(created.getHeaders().getLocation().getPath()).isEqualTo("/api/self-check-campaigns/2024Q4");
    assertThat(post("jiwei", Map.of("quarter", "2024q4")).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

    JsonNode progress = json.readTree(as("jiwei").getForObject("/api/self-check-campaigns/2024Q4", String.class));
    assertThat(progress.get("quarter").asText()).isEqualTo("2024Q4");
    assertThat(progress.get("units").asInt()).isEqualTo(UNITS);
    assertThat(progress.get("startedBy").asText()).isEqualTo("jiwei");
    assertThat(as("jiwei").getForEntity("/api/self-check-campaigns/2023Q1", String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);

    // a unit sees only its own self-check of the campaign: no counts, no instance, not who started it
    runAllJobs(json.readTree(created.getBody()).get("processInstanceId").asText());
    for (String unitUser : List.of("d01sec", "d01staff")) {
      ResponseEntity<String> answer = as(unitUser).getForEntity("/api/self-check-campaigns/2024Q4", String.class);
      assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
      JsonNode own = json.readTree(answer.getBody());
      assertThat(own.get("quarter").asText()).isEqualTo("2024Q4");
      assertThat(own.has("processInstanceId") || own.has("startedBy") || own.has("units") || own.has("opened"))
          .as(answer.getBody()).isFalse();
      assertThat(own.get("selfChecks")).hasSize(1);
      assertThat(own.at("/selfChecks/0/unitCode").asText()).isEqualTo("D01");
      assertThat(own.at("/selfChecks/0/status").asText()).isEqualTo(SelfCheckStatus.ASSESSING.name());
    }
    assertThat(json.readTree(as("jiwei").getForObject("/api/self-check-campaigns/2024Q4", String.class))
        .at("/selfChecks/ASSESSING").asInt()).isEqualTo(UNITS);
    assertThat(as("d01sec").getForEntity("/api/self-check-campaigns/2023Q1", String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);

    assertThat(as("d01staff").getForEntity("/api/units/D01/self-checks?quarter=2024Q4", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(as("d02staff").getForEntity("/api/units/D01/self-checks?quarter=2024Q4", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as("jiwei").getForEntity("/api/units/D01/self-checks?quarter=2024Q9", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(http.getForEntity("/api/units/D01/self-checks", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(as("d01sec").getForEntity("/api/units/D01/rectifications", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(as("d02sec").getForEntity("/api/units/D01/rectifications", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  /**
   * The units' self-checks with their assessment open: one task per 责任人 of the unit's items (the secretary and
   * the 纪检委员 for the common items where the unit has them, the staff otherwise), so instances are counted.
   */
  private long engineTasks(String quarter) {
    return jdbc.sql("select count(distinct t.proc_inst_id_) from act_ru_task t join act_ru_execution e "
        + "on e.id_ = t.proc_inst_id_ where e.business_key_ like ?").param("selfcheck-%-" + quarter)
        .query(Long.class).single();
  }

  /** Runs the campaign's jobs until none is left; returns how many ran. */
  private int runAllJobs(String processInstanceId) {
    int executed = 0;
    List<Job> jobs = management.createJobQuery().processInstanceId(processInstanceId).list();
    while (!jobs.isEmpty()) {
      for (Job job : jobs) {
        management.executeJob(job.getId());
        executed++;
      }
      jobs = management.createJobQuery().processInstanceId(processInstanceId).list();
    }
    return executed;
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, PASSWORD);
  }

  private ResponseEntity<String> post(String user, Object body) throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return as(user).exchange("/api/self-check-campaigns", HttpMethod.POST,
        new HttpEntity<>(json.writeValueAsString(body), headers), String.class);
  }
}
