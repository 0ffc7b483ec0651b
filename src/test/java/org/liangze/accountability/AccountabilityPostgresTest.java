package org.liangze.accountability;

import static org.liangze.support.CaseSubjects.investigation;
import static org.liangze.support.CaseSubjects.subject;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.accountability.AccountabilityProcess.Element;
import org.liangze.accountability.AccountabilityProcess.Variables;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.Groups;
import org.liangze.organisation.IdentitySync;
import org.liangze.platform.ConflictException;
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
 * Accountability on a real PostgreSQL: two concurrent starts of the same unit and cause give one case; the case API
 * over HTTP (201, 400, 403, 409); a case through the measures decision table to a published notification, read on
 * the notifications page by any logged-in user and by nobody else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AccountabilityPostgresTest {

  static final String PASSWORD = "demo-test-pw";
  static final ZoneId DISTRICT = ZoneId.of("Asia/Shanghai");

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired AccountabilityCases cases;
  @Autowired IdentityService identity;
  @Autowired TaskService taskService;
  @Autowired ManagementService management;
  @Autowired JdbcClient jdbc;
  @Autowired TestRestTemplate http;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void district() throws IOException {
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
  }

  @Test
  void twoConcurrentStartsOfTheSameUnitAndCauseOpenOneCase() throws Exception {
    String cause = "检查发现：并发立案测试";
    CountDownLatch ready = new CountDownLatch(2);
    CountDownLatch go = new CountDownLatch(1);
    Callable<String> start = () -> {
      identity.setAuthentication("jiwei", List.of(Groups.DISCIPLINE_COMMISSION));
      try {
        ready.countDown();
        go.await();
        return cases.start("T01", cause, "INSPECTION").processInstanceId();
      } catch (ConflictException refused) {
        return "refused";
      } finally {
        identity.clearAuthentication();
      }
    };
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<String> first = threads.submit(start);
      Future<String> second = threads.submit(start);
      ready.await(30, TimeUnit.SECONDS);
      go.countDown();
      List<String> outcomes = new ArrayList<>(List.of(first.get(60, TimeUnit.SECONDS),
          second.get(60, TimeUnit.SECONDS)));
      assertThat(outcomes).containsOnlyOnce("refused");
    } finally {
      threads.shutdownNow();
    }
    assertThat(jdbc.sql("select count(*) from accountability_cases where unit_code = 'T01' and cause = ?")
        .param(cause).query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void aCaseRunsFromTheApiToAPublishedNotificationThatEveryLoggedInUserReads() throws Exception {
    String cause = "群众举报：违规公款宴请（PostgreSQL）";
    assertThat(post("d01sec", Map.of("unitCode", "D01", "cause", cause, "source", "COMPLAINT")).getStatusCode())
        .as("a unit secretary opens no case").isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(post("jiwei", Map.of("unitCode", "D01", "cause", cause, "source", "RUMOUR")).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    ResponseEntity<String> created = post("jiwei", Map.of("unitCode", "D01", "cause", cause, "source", "COMPLAINT"));
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    JsonNode started = json.readTree(created.getBody());
    long caseId = started.get("caseId").asLong();
    String instance = started.get("processInstanceId").asText();
    assertThat(created.getHeaders().getLocation().getPath()).isEqualTo("/api/accountability-cases/" + caseId);
    assertThat(post("jiwei", Map.of("unitCode", "D01", "cause", cause, "source", "INSPECTION")).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
    assertThat(as("jiwei").getForEntity("/api/accountability-cases/" + caseId, String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(as("d01staff").getForEntity("/api/accountability-cases/" + caseId, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);

    runJobs(instance);
    complete("jiwei", task(instance, Element.VerifyCase), Map.of(Variables.DECISION, "OPEN"));
    complete("jiwei", task(instance, Element.InvestigateMain), investigation("main", spin(List.of(
        subject("陈小明", "LEADER", "PRINCIPAL", "GRAVE", "LIGHTER")))));
    complete("jiwei", task(instance, Element.InvestigateSupervisory), investigation("supervisory",
        spin(List.of(subject("纪检组", "ORGANISATION", null, "SERIOUS", "HEAVIER")))));
    taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(Element.StatementAndDefence.name())
        .list().forEach(defence -> complete("jiwei", defence, Map.of(Variables.DEFENCE_WAIVED, true)));
    complete("jiwei", task(instance, Element.ReviewDefence), Map.of());
    runJobs(instance);
    Task approve = task(instance, Element.ApproveMeasures);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (JsonNode row : json.readTree(taskService.getVariable(approve.getId(), Variables.MEASURES).toString())) {
      Map<String, Object> decided = json.convertValue(row, Map.class);
      decided.put("decision", "APPROVE");
      rows.add(decided);
    }
    // grave, lightened: discipline and, for principal leadership, organisational handling, both form 2; an
    // organisation with aggravating grounds is circulated
    assertThat(rows).extracting(row -> row.get("proposed") + "/" + row.get("form"))
        .containsExactlyInAnyOrder("纪律处分/2", "组织调整或组织处理/2", "通报/1");
    complete("quwei", approve, Map.of(Variables.MEASURES, spin(rows), Variables.RECTIFICATION_REQUIREMENT, "严格执行公务接待规定",
        Variables.RECTIFICATION_DEADLINE, LocalDate.now(DISTRICT).plusDays(30).toString(), Variables.PUBLISH, true));
    runJobs(instance);
    Task draft = task(instance, Element.DraftNotification);
    complete("jiwei", draft, Map.of(
        Variables.NOTIFICATION_TITLE, taskService.getVariable(draft.getId(), Variables.NOTIFICATION_TITLE),
        Variables.NOTIFICATION_TEXT, taskService.getVariable(draft.getId(), Variables.NOTIFICATION_TEXT)));
    complete("quwei", task(instance, Element.ApproveNotification), Map.of(Variables.NOTIFICATION_DECISION, "APPROVE"));
    runJobs(instance);
    assertThat(task(instance, Element.ApproveNotification)).isNull();

    ResponseEntity<String> page = as("t02v01staff").getForEntity("/pages/notifications", String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("陈某某").doesNotContain("陈小明");
    ResponseEntity<String> api = as("d02sec").getForEntity("/api/public-notifications", String.class);
    assertThat(api.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(api.getBody()).contains("陈某某").doesNotContain("陈小明");
    assertThat(http.getForEntity("/api/public-notifications", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }


  private Object spin(Object rows) throws IOException {
    return SpinValues.jsonValue(json.writeValueAsString(rows)).create();
  }

  private Task task(String instance, Element element) {
    return taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(element.name()).singleResult();
  }

  private void complete(String userId, Task task, Map<String, Object> variables) {
    identity.setAuthentication(userId, identity.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId).toList());
    try {
      taskService.complete(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  private void runJobs(String instance) {
    List<Job> jobs = management.createJobQuery().processInstanceId(instance).messages().list();
    while (!jobs.isEmpty()) {
      jobs.forEach(job -> management.executeJob(job.getId()));
      jobs = management.createJobQuery().processInstanceId(instance).messages().list();
    }
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, PASSWORD);
  }

  private ResponseEntity<String> post(String user, Object body) throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return as(user).exchange("/api/accountability-cases", HttpMethod.POST,
        new HttpEntity<>(json.writeValueAsString(body), headers), String.class);
  }
}
