package org.liangze.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.letter.LetterSigningProcess;
import org.liangze.organisation.Groups;
import org.liangze.organisation.IdentitySync;
import org.liangze.organisation.Role;
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
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Overdue work where people look, on a real PostgreSQL over HTTP: the role filters in Tasklist, the overdue list
 * of the Cockpit dashboard plugin and its REST resource, and process instances findable in Cockpit by variable.
 * The demo letter campaign runs with D01's letter overdue (yellow), D02's long overdue (red) and T01V01's due
 * tomorrow (blue).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OverdueWorkIntegrationTest {

  static final String PASSWORD = "overdue-test-pw";
  static final int YEAR = 2026;

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @Autowired org.liangze.support.LetterRun letterRun;
  @Autowired TestRestTemplate http;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired IdentityService identity;
  @Autowired ManagementService management;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtime;
  @Autowired OverdueMarks marks;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void campaignWithOverdueWork() throws IOException {
    if (district.seedIfEmpty(YEAR)) {
      identitySync.sync();
    }
    if (runtime.createProcessInstanceQuery().processDefinitionKey(LetterSigningProcess.KEY).count() > 0) {
      return;
    }
    letterRun.start(YEAR);
    Instant now = ClockUtil.getCurrentTime().toInstant();
    dueAt("D01", now.minus(Duration.ofDays(1)));
    dueAt("D02", now.minus(Duration.ofDays(10)));
    dueAt("T01V01", now.plus(Duration.ofDays(1)));
  }

  private void dueAt(String unit, Instant due) {
    Task task = secretaryTask(unit);
    task.setDueDate(Date.from(due));
    taskService.saveTask(task);
  }

  private Task secretaryTask(String unit) {
    return taskService.createTaskQuery().taskCandidateGroup(Groups.of(Role.SECRETARY, unit)).singleResult();
  }

  @Test
  void everyRoleFindsItsFiltersInTasklist() throws IOException {
    List<String> unitFilters = filterNames("d01sec");
    assertThat(unitFilters).contains("我的待办", "本单位逾期任务", "即将到期", "全部可见任务")
        .doesNotContain("全区逾期任务");
    List<String> supervisorFilters = filterNames("jiwei");
    assertThat(supervisorFilters).contains("我的待办", "全区逾期任务", "即将到期", "全部可见任务")
        .doesNotContain("本单位逾期任务");
    assertThat(filterNames("quwei")).contains("全区逾期任务");

    JsonNode filter = filter("d01sec", "本单位逾期任务");
    assertThat(filter.at("/properties/description").asText()).contains("逾期");
    assertThat(filter.at("/properties/priority").asInt()).isLessThan(0);
    List<String> columns = new ArrayList<>();
    filter.at("/properties/variables").forEach(column -> columns.add(column.get("name").asText()));
    assertThat(columns).contains("unitName", "letterTitle");
    assertThat(filter.at("/query/dueBeforeExpression").asText()).isEqualTo("${now()}");

    // the filters are brought up to date at every start, not duplicated
    identitySync.sync();
    assertThat(filterNames("jiwei").stream().filter("全区逾期任务"::equals)).hasSize(1);
  }

  @Test
  void theUnitOverdueFilterShowsASecretaryOnlyTheirOwnOverdueTask() throws IOException {
    JsonNode own = list("d01sec", "本单位逾期任务");
    assertThat(ids(own)).containsExactly(secretaryTask("D01").getId());
    assertThat(own.get(0).get("name").asText()).contains("区教育和体育局");
    assertThat(ids(list("d02sec", "本单位逾期任务"))).containsExactly(secretaryTask("D02").getId());
    assertThat(list("t01v01sec", "本单位逾期任务")).isEmpty();
    assertThat(list("d01staff", "本单位逾期任务")).as("the letter is the secretary's to sign").isEmpty();

    assertThat(ids(list("t01v01sec", "即将到期"))).containsExactly(secretaryTask("T01V01").getId());
    assertThat(list("d01sec", "即将到期")).as("already overdue, not due soon").isEmpty();
  }

  @Test
  void theDistrictOverdueFilterShowsSupervisorsEveryOverdueTask() throws IOException {
    List<String> expected = List.of(secretaryTask("D02").getId(), secretaryTask("D01").getId());
    assertThat(ids(list("jiwei", "全区逾期任务"))).as("most overdue first").containsExactlyElementsOf(expected);
    assertThat(ids(list("quwei", "全区逾期任务"))).containsExactlyElementsOf(expected);
  }

  @Test
  void overdueWorkIsListedByUnitWithItsColour() throws IOException {
    JsonNode report = overdue("jiwei");
    JsonNode units = report.get("units");
    assertThat(units).hasSize(3);
    assertThat(units.get(0).get("unitCode").asText()).isEqualTo("D02");
    assertThat(units.get(0).at("/counts/RED").asInt()).isEqualTo(1);
    assertThat(units.get(1).get("unitCode").asText()).isEqualTo("D01");
    assertThat(units.get(1).get("unitName").asText()).isEqualTo("区教育和体育局");
    assertThat(units.get(2).get("unitCode").asText()).isEqualTo("T01V01");
    assertThat(units.get(0).get("tasks").asInt()).isEqualTo(1);
    JsonNode red = tasks("jiwei", "D02", 0, 50).get("tasks").get(0);
    assertThat(red.get("level").asText()).isEqualTo("RED");
    assertThat(red.get("levelLabel").asText()).isEqualTo("红色约谈");
    assertThat(red.get("daysOverdue").asInt()).isEqualTo(10);
    assertThat(red.get("processDefinitionKey").asText()).isEqualTo(LetterSigningProcess.KEY);
    assertThat(red.get("processDefinitionName").asText()).isEqualTo("目标责任书签订");
    assertThat(red.get("processInstanceId").asText()).isEqualTo(secretaryTask("D02").getProcessInstanceId());
    assertThat(red.get("taskId").asText()).isEqualTo(secretaryTask("D02").getId());
    JsonNode yellow = tasks("jiwei", "D01", 0, 50).get("tasks").get(0);
    assertThat(yellow.get("level").asText()).isEqualTo("YELLOW");
    assertThat(yellow.get("daysOverdue").asInt()).isEqualTo(1);
    JsonNode blue = tasks("jiwei", "T01V01", 0, 50).get("tasks").get(0);
    assertThat(blue.get("level").asText()).isEqualTo("BLUE");
    assertThat(blue.get("daysLeft").asInt()).isEqualTo(1);
    assertThat(report.at("/totals/RED").asInt()).isEqualTo(1);
    assertThat(report.at("/totals/YELLOW").asInt()).isEqualTo(1);
    assertThat(report.at("/totals/BLUE").asInt()).isEqualTo(1);
  }

  @Test
  void aUnitsTasksComeAPageAtATimeEarliestDueFirst() throws IOException {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    // T02 gets three more tasks of its own, due 3, 2 and 1 days ago; its letter is not due yet
    List<String> extra = new ArrayList<>();
    for (int days = 3; days >= 1; days--) {
      Task task = taskService.newTask();
      task.setName("逾期测试任务" + days);
      task.setDueDate(Date.from(now.minus(Duration.ofDays(days))));
      taskService.saveTask(task);
      taskService.addCandidateGroup(task.getId(), Groups.of(Role.STAFF, "T02"));
      extra.add(task.getId());
    }
    try {
      JsonNode first = tasks("jiwei", "T02", 0, 2);
      assertThat(first.get("total").asInt()).isEqualTo(3);
      assertThat(taskIds(first)).containsExactly(extra.get(0), extra.get(1));
      JsonNode second = tasks("jiwei", "T02", 2, 2);
      assertThat(second.get("total").asInt()).isEqualTo(3);
      assertThat(taskIds(second)).containsExactly(extra.get(2));
      assertThat(second.get("unitName").asText()).isNotBlank();
      JsonNode t02 = null;
      for (JsonNode unit : overdue("jiwei").get("units")) {
        if (unit.get("unitCode").asText().equals("T02")) {
          t02 = unit;
        }
      }
      assertThat(t02).isNotNull();
      assertThat(t02.get("tasks").asInt()).isEqualTo(3);
      assertThat(t02.at("/counts/YELLOW").asInt()).isEqualTo(3);
      assertThat(as("d01sec").getForEntity("/api/overdue/units/T02/tasks", String.class).getStatusCode())
          .as("another unit's tasks").isEqualTo(HttpStatus.FORBIDDEN);
    } finally {
      extra.forEach(id -> taskService.deleteTask(id, true));
    }
  }

  @Test
  void suspendedWorkIsNotCountedAndUnitsWithNothingElseLeaveTheReport() throws IOException {
    // the letter campaign is one process instance: suspending it suspends every unit's due task
    String campaign = secretaryTask("D02").getProcessInstanceId();
    assertThat(overdue("jiwei").get("units")).hasSize(3);
    runtime.suspendProcessInstanceById(campaign);
    try {
      JsonNode report = overdue("jiwei");
      assertThat(report.get("units")).as("every due task suspended").isEmpty();
      assertThat(report.at("/totals/RED").asInt()).isZero();
      assertThat(report.at("/totals/YELLOW").asInt()).isZero();
      assertThat(report.at("/totals/BLUE").asInt()).isZero();
      assertThat(tasks("jiwei", "D02", 0, 50).get("total").asInt()).isZero();
    } finally {
      runtime.activateProcessInstanceById(campaign);
    }
    assertThat(overdue("jiwei").at("/totals/RED").asInt()).as("active again").isEqualTo(1);
  }

  @Test
  void aUnitSeesOnlyItsOwnOverdueWorkAndStrangersNone() throws IOException {
    JsonNode own = overdue("d01sec").get("units");
    assertThat(own).hasSize(1);
    assertThat(own.get(0).get("unitCode").asText()).isEqualTo("D01");
    assertThat(own.get(0).get("tasks").asInt()).isEqualTo(1);
    assertThat(taskIds(tasks("d01sec", "D01", 0, 50))).containsExactly(secretaryTask("D01").getId());
    assertThat(overdue("d01staff").get("units")).as("the unit's work, no foreign rows").hasSize(1)
        .allSatisfy(unit -> assertThat(unit.get("unitCode").asText()).isEqualTo("D01"));
    assertThat(overdue("a01sec").get("units")).isEmpty();

    assertThat(http.getForEntity("/api/overdue", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    // a login of its own: Camunda delays the next attempts of a login after a wrong password
    assertThat(http.withBasicAuth("jiwei2", "wrong").getForEntity("/api/overdue", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(as("designer").getForEntity("/api/overdue", String.class).getStatusCode())
        .as("neither a unit nor a supervisor").isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void overdueInstancesAreFindableInCockpitByVariable() throws IOException {
    String campaign = secretaryTask("D02").getProcessInstanceId();
    assertThat(marks.markAll()).isEqualTo(1);
    List<ProcessInstance> found = runtime.createProcessInstanceQuery().variableValueEquals("overdue", true).list();
    assertThat(found).extracting(ProcessInstance::getId).containsExactly(campaign);
    assertThat(runtime.getVariable(campaign, "warningLevel")).isEqualTo("RED");

    // a later, milder mark does not lower the level
    marks.markOverdue(campaign, WarningLevel.YELLOW);
    assertThat(runtime.getVariable(campaign, "warningLevel")).isEqualTo("RED");
    // Cockpit's process instance search, through the engine REST API as a supervisor
    JsonNode red = json.readTree(as("jiwei").getForObject(
        "/engine-rest/process-instance?variables=warningLevel_eq_RED", String.class));
    assertThat(ids(red)).containsExactly(campaign);
    // Cockpit's search posts typed values: overdue = true (a boolean)
    ResponseEntity<String> overdue = searchOverdue("jiwei");
    assertThat(overdue.getStatusCode()).as(overdue.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(ids(json.readTree(overdue.getBody()))).containsExactly(campaign);
    ResponseEntity<String> unit = searchOverdue("d01sec");
    assertThat(unit.getStatusCode()).as(unit.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(json.readTree(unit.getBody())).as("a unit has no right to read the district's instances").isEmpty();

    marks.clear(campaign);
    assertThat(runtime.createProcessInstanceQuery().variableValueEquals("overdue", true).count()).isZero();
  }

  @Test
  void theCockpitPluginIsServedAndReadsTheOverdueListWithTheCockpitLogin() throws IOException {
    ResponseEntity<String> plugin = http.getForEntity("/camunda/app/cockpit/scripts/overdue-plugin.js",
        String.class);
    assertThat(plugin.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(plugin.getHeaders().getContentType().toString()).contains("javascript");
    assertThat(plugin.getBody()).contains("pluginPoint: 'cockpit.dashboard'").contains("/api/overdue")
        .contains("/tasks?first=").contains("#/process-instance/").contains("export default");
    String config = http.getForObject("/camunda/app/cockpit/scripts/config.js", String.class);
    assertThat(config).contains("customScripts: ['scripts/overdue-plugin.js'").contains("export default");

    String session = webappLogin("jiwei", "cockpit");
    HttpHeaders browser = new HttpHeaders();
    browser.add(HttpHeaders.COOKIE, session);
    ResponseEntity<String> overdue = http.exchange("/api/overdue", HttpMethod.GET, new HttpEntity<>(browser),
        String.class);
    assertThat(overdue.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.readTree(overdue.getBody()).get("units")).hasSize(3);
    // (D02 has no units under it: level by level, a parent's leading posts open Cockpit for their subtree)
    assertThat(webappLoginStatus("d02sec", "cockpit")).as("a unit secretary has no Cockpit")
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  private String webappLogin(String user, String app) {
    return String.join("; ", login(user, app).getHeaders().get(HttpHeaders.SET_COOKIE).stream()
        .map(cookie -> cookie.split(";")[0]).toList());
  }

  private HttpStatus webappLoginStatus(String user, String app) {
    return HttpStatus.valueOf(login(user, app).getStatusCode().value());
  }

  private ResponseEntity<String> login(String user, String app) {
    ResponseEntity<String> probe = http.getForEntity("/camunda/api/admin/auth/user/default", String.class);
    List<String> set = probe.getHeaders().get(HttpHeaders.SET_COOKIE);
    String cookies = String.join("; ", set.stream().map(cookie -> cookie.split(";")[0]).toList());
    String xsrf = set.stream().filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow()
        .split("[=;]")[1];
    HttpHeaders headers = new HttpHeaders();
    headers.add(HttpHeaders.COOKIE, cookies);
    headers.add("X-XSRF-TOKEN", xsrf);
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    ResponseEntity<String> response = http.exchange("/camunda/api/admin/auth/user/default/login/" + app,
        HttpMethod.POST, new HttpEntity<>("username=" + user + "&password=" + PASSWORD, headers), String.class);
    if (response.getStatusCode().is2xxSuccessful() && !response.getHeaders().containsKey(HttpHeaders.SET_COOKIE)) {
      HttpHeaders same = new HttpHeaders();
      same.put(HttpHeaders.SET_COOKIE, set);
      return new ResponseEntity<>(response.getBody(), same, response.getStatusCode());
    }
    return response;
  }

  private ResponseEntity<String> searchOverdue(String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return as(user).exchange("/engine-rest/process-instance", HttpMethod.POST, new HttpEntity<>(
        "{\"variables\":[{\"name\":\"overdue\",\"operator\":\"eq\",\"value\":true}]}", headers), String.class);
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, PASSWORD);
  }

  private JsonNode overdue(String user) throws IOException {
    ResponseEntity<String> response = as(user).getForEntity("/api/overdue", String.class);
    assertThat(response.getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
    return json.readTree(response.getBody());
  }

  private JsonNode tasks(String user, String unit, int first, int max) throws IOException {
    ResponseEntity<String> response = as(user).getForEntity(
        "/api/overdue/units/" + unit + "/tasks?first=" + first + "&max=" + max, String.class);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    return json.readTree(response.getBody());
  }

  private List<String> filterNames(String user) throws IOException {
    List<String> names = new ArrayList<>();
    json.readTree(as(user).getForObject("/engine-rest/filter", String.class))
        .forEach(filter -> names.add(filter.get("name").asText()));
    return names;
  }

  private JsonNode filter(String user, String name) throws IOException {
    for (JsonNode filter : json.readTree(as(user).getForObject("/engine-rest/filter", String.class))) {
      if (filter.get("name").asText().equals(name)) {
        return filter;
      }
    }
    throw new AssertionError(user + " has no filter " + name);
  }

  private JsonNode list(String user, String filterName) throws IOException {
    ResponseEntity<String> response = as(user).getForEntity(
        "/engine-rest/filter/" + filter(user, filterName).get("id").asText() + "/list", String.class);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    return json.readTree(response.getBody());
  }

  private static List<String> taskIds(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("tasks").forEach(task -> ids.add(task.get("taskId").asText()));
    return ids;
  }

  private static List<String> ids(JsonNode items) {
    List<String> ids = new ArrayList<>();
    items.forEach(item -> ids.add(item.get("id").asText()));
    return ids;
  }
}
