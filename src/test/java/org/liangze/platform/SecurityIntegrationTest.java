package org.liangze.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.ApiAccessPolicy;
import org.liangze.organisation.IdentitySync;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.liangze.support.WebClient;
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
 * The platform's doors on a real PostgreSQL over HTTP: forged process variables on task completion
 * ({@link FormVariableGuard}), a matrix of who may call what, security headers, the webapps' CSRF protection, and
 * hostile input. Covered elsewhere and not repeated here: a non-designer deploying (403) in
 * {@code LetterPlatformIntegrationTest.processDesignersMayDeployAndNobodyElse}; no demo user or default password
 * without the demo profile in {@link ProductionProfileTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.job-execution.enabled=true")
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SecurityIntegrationTest {

  static final String PASSWORD = "demo-test-pw";
  static final int YEAR = 2026;
  static final String WEBAPP_ENGINE = "/camunda/api/engine/engine/default";

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
    // the test's loopback client is not a trusted proxy here
    registry.add("liangze.trusted-proxies", () -> "10.255.0.1");
  }

  @Autowired TestRestTemplate http;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired JdbcClient jdbc;
  final ObjectMapper json = new ObjectMapper();

  /** The demo district with the year's letters issued, once per context. */
  @BeforeEach
  void lettersIssued() throws IOException {
    if (district.seedIfEmpty(YEAR)) {
      identitySync.sync();
    }
    if (jdbc.sql("select count(*) from letter_campaigns where campaign_year = ?").param(YEAR).query(Long.class)
        .single() == 0) {
      assertThat(post("quwei", "/api/letter-campaigns", Map.of("year", String.valueOf(YEAR))).getStatusCode())
          .isEqualTo(HttpStatus.CREATED);
    }
    // the job executor issues the letters; T01V01's is never touched here
    await().atMost(Duration.ofSeconds(60)).until(() -> !tasks("t01v01sec").isEmpty());
  }

  // ---- 1. forged process variables -------------------------------------------------------------------------

  @Test
  void aTaskTakesOnlyWhatItsFormOffers() throws IOException {
    List<JsonNode> own = ownTasks("d01sec");
    assertThat(own).hasSize(1);
    String taskId = own.get(0).get("id").asText();
    long othersLetter = letterIdOf("T01V01");
    List<Map<String, Object>> lettersBefore = letterRows();

    // signing one's own letter, but pointing the process at another unit's letter
    ResponseEntity<String> forged = post("d01sec", "/engine-rest/task/" + taskId + "/complete", Map.of("variables",
        Map.of("decision", value("SIGN"), "signature", value("张伟"), "letterId", value(othersLetter))));
    assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(forged.getBody()).contains("表单之外").contains("letterId");
    assertThat(post("d01sec", "/engine-rest/task/" + taskId + "/submit-form", Map.of("variables",
        Map.of("decision", value("SIGN"), "signature", value("张伟"), "unitCode", value("T01V01"))))
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    // changing the task's variables directly
    // changing the task's variables directly (refused by the guard, whatever Camunda's authorizations say)
    for (ResponseEntity<String> refused : List.of(
        post("d01sec", "/engine-rest/task/" + taskId + "/variables",
            Map.of("modifications", Map.of("letterId", value(othersLetter)))),
        post("d01sec", "/engine-rest/task/" + taskId + "/localVariables",
            Map.of("modifications", Map.of("signature", value("张伟")), "deletions", List.of("letterId"))),
        exchange("d01sec", HttpMethod.PUT, "/engine-rest/task/" + taskId + "/variables/letterId",
            value(othersLetter)),
        exchange("d01sec", HttpMethod.PUT, "/engine-rest/task/" + taskId + "/localVariables/unitCode",
            value("T01V01")),
        exchange("d01sec", HttpMethod.DELETE, "/engine-rest/task/" + taskId + "/variables/letterId", null))) {
      assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(refused.getBody()).contains("表单之外");
    }
    // the same through Tasklist's own API, with a Tasklist session and its CSRF token
    HttpHeaders tasklist = tasklistSession("d01sec");
    tasklist.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> viaTasklist = http.exchange(WEBAPP_ENGINE + "/task/" + taskId + "/submit-form",
        HttpMethod.POST, new HttpEntity<>(json.writeValueAsString(Map.of("variables", Map.of("decision",
            value("SIGN"), "signature", value("张伟"), "letterId", value(othersLetter)))), tasklist), String.class);
    assertThat(viaTasklist.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(viaTasklist.getBody()).contains("表单之外");
    ResponseEntity<String> variablesViaTasklist = http.exchange(WEBAPP_ENGINE + "/task/" + taskId + "/variables",
        HttpMethod.POST, new HttpEntity<>(json.writeValueAsString(Map.of("modifications", Map.of("letterId",
            value(othersLetter)))), tasklist), String.class);
    assertThat(variablesViaTasklist.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(variablesViaTasklist.getBody()).contains("表单之外");
    // the form's own fields with values of the wrong type
    for (Map<String, Object> wrongType : List.<Map<String, Object>>of(
        Map.of("decision", Map.of("value", 7, "type", "Integer"), "signature", value("张伟")),
        Map.of("decision", value("SIGN"), "signature", Map.of("value", "abc", "type", "Integer")),
        Map.of("decision", Map.of("value", "{\"approved\": true}", "type", "Json"), "signature", value("张伟")),
        Map.of("decision", value("SIGN"), "signature", Map.of("value", List.of("张伟"), "type", "Object")))) {
      ResponseEntity<String> answer = post("d01sec", "/engine-rest/task/" + taskId + "/complete",
          Map.of("variables", wrongType));
      assertThat(answer.getStatusCode()).as(wrongType + ": " + answer.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    }
    // a body the guard cannot read is refused, not waved through
    for (String garbled : List.of("{\"variables\": [\"letterId\"]}", "{\"variables\": {}} {\"variables\": "
        + "{\"letterId\": {\"value\": " + othersLetter + "}}}", "{\"Variables\": {\"letterId\": {\"value\": "
        + othersLetter + "}}}")) {
      assertThat(postRaw("d01sec", "/engine-rest/task/" + taskId + "/complete", garbled).getStatusCode())
          .as(garbled).isEqualTo(HttpStatus.BAD_REQUEST);
    }
    // the webapps' CSRF protection: the same session without the token is refused by Camunda
    HttpHeaders noToken = new HttpHeaders();
    noToken.add(HttpHeaders.COOKIE, tasklist.getFirst(HttpHeaders.COOKIE));
    noToken.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> forgedSite = http.exchange(WEBAPP_ENGINE + "/task/" + taskId + "/complete",
        HttpMethod.POST, new HttpEntity<>("{\"variables\":{}}", noToken), String.class);
    assertThat(forgedSite.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(forgedSite.getHeaders().getFirst("X-XSRF-TOKEN")).isEqualTo("Required");

    // nothing changed: the task is open, the letters are as they were, the variable is the process's own
    assertThat(ownTasks("d01sec")).hasSize(1);
    assertThat(letterRows()).isEqualTo(lettersBefore);
    JsonNode letterId = json.readTree(as("d01sec").getForObject("/engine-rest/task/" + taskId
        + "/variables/letterId", String.class));
    assertThat(letterId.get("value").asLong()).isEqualTo(letterIdOf("D01"));

    // only the form's keys (a read-only one and the late reason included): done
    assertThat(post("d01sec", "/engine-rest/task/" + taskId + "/complete", Map.of("variables",
        Map.of("decision", value("SIGN"), "signature", value("张伟"), "letterSummary", value("要点"))))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(ownTasks("d01sec")).isEmpty();
    await().atMost(Duration.ofSeconds(60)).until(() -> letterRows().stream()
        .filter(r -> r.get("unit_code").equals("D01")).allMatch(r -> "张伟".equals(r.get("signature"))));
    assertThat(letterRows().stream().filter(r -> r.get("unit_code").equals("T01V01")).toList())
        .isEqualTo(lettersBefore.stream().filter(r -> r.get("unit_code").equals("T01V01")).toList());
  }

  @Test
  void staffCannotApproveTheirOwnDraft() throws IOException {
    district.publishLists(2027);
    assertThat(post("jiwei", "/api/list-formulations", Map.of("unitCode", "D01", "year", "2027")).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    JsonNode drafts = json.readTree(as("d01staff").getForObject(
        "/engine-rest/task?processDefinitionKey=listFormulation", String.class));
    assertThat(drafts).hasSize(1);
    String taskId = drafts.get(0).get("id").asText();
    // the draft form's dynamic list is the staff's to fill; the commission's decision is not
    ResponseEntity<String> selfApproved = post("d01staff", "/engine-rest/task/" + taskId + "/complete",
        Map.of("variables", Map.of("items", Map.of("value", "[]", "type", "Json"),
            "decision", value("APPROVE"))));
    assertThat(selfApproved.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(selfApproved.getBody()).contains("decision").doesNotContain("items");
    assertThat(json.readTree(as("d01staff").getForObject(
        "/engine-rest/task?processDefinitionKey=listFormulation", String.class))).hasSize(1);
  }

  @Test
  void aProcessStartsOnlyWithWhatItsStartFormOffers() throws IOException {
    Map<String, Long> before = counts();
    long instancesBefore = jdbc.sql("select count(*) from act_ru_execution where parent_id_ is null")
        .query(Long.class).single();
    String start = "/engine-rest/process-definition/key/letterSigning/start";
    ResponseEntity<String> forged = post("quwei", start, Map.of("variables",
        Map.of("year", value("2043"), "unitCode", value("T01V01"))));
    assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(forged.getBody()).contains("表单之外").contains("unitCode").contains("流程未启动");
    assertThat(post("quwei", "/engine-rest/process-definition/key/letterSigning/submit-form", Map.of("variables",
        Map.of("year", value("2043"), "letterId", value(1)))).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    // starting past the start event, or without its listeners (which check the year), is not for the committee
    for (Map<String, ?> bypass : List.<Map<String, ?>>of(
        Map.of("variables", Map.of("year", value("2043")), "skipCustomListeners", true),
        Map.of("variables", Map.of("year", value("2043")), "skipIoMappings", "true"),
        Map.of("startInstructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "SignLetter"))))) {
      ResponseEntity<String> refused = post("quwei", start, bypass);
      assertThat(refused.getStatusCode()).as(bypass.toString()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(refused.getBody()).contains("无权跳过");
    }
    assertThat(counts()).isEqualTo(before);
    assertThat(jdbc.sql("select count(*) from act_ru_execution where parent_id_ is null").query(Long.class)
        .single()).isEqualTo(instancesBefore);
  }

  @Test
  void administratorsAreNotLimitedToTheForm() throws IOException {
    String taskId = tasks("t01v01sec").get(0).get("id").asText();
    ResponseEntity<String> admin = http.withBasicAuth("admin", "test-admin-password").exchange(
        "/engine-rest/task/" + taskId + "/localVariables", HttpMethod.POST, new HttpEntity<>(
            "{\"modifications\": {\"adminNote\": {\"value\": \"已核实\"}}}", jsonHeaders()), String.class);
    assertThat(admin.getStatusCode()).as(admin.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  void theFormsKeysAreItsFieldsAndTheParentsOfItsLists() throws IOException {
    JsonNode form = json.readTree("""
        {"components": [
          {"type": "text", "text": "x"},
          {"type": "textfield", "key": "title"},
          {"type": "textarea", "key": "summary", "readonly": true},
          {"type": "dynamiclist", "path": "items", "components": [{"type": "textfield", "key": "content"}]},
          {"type": "group", "components": [{"type": "number", "key": "score"}]},
          {"type": "group", "path": "address.home", "components": [{"type": "textfield", "key": "street"}]},
          {"type": "textfield", "key": "meta.note"}
        ]}""");
    assertThat(FormVariableGuard.keysOf(form))
        .containsExactlyInAnyOrder("title", "summary", "items", "score", "address", "meta");
  }

  // ---- 2. who may call what ----------------------------------------------------------------------------------

  /** One door, one caller, the answers that are right. */
  record Door(String method, String path, String user, String password, Set<Integer> expected) {
    @Override
    public String toString() {
      return method + " " + path + " as " + (user == null ? "nobody" : user + (PASSWORD.equals(password)
          ? "" : " (wrong password)")) + " -> " + expected;
    }
  }

  static final String NOBODY = null;
  static final String WRONG = "wrong-password";
  static final Set<Integer> UNAUTHORIZED = Set.of(401);
  static final Set<Integer> FORBIDDEN = Set.of(403);
  /** Not allowed, or not visible at all. */
  static final Set<Integer> FORBIDDEN_OR_HIDDEN = Set.of(403, 404);
  static final Set<Integer> OK = Set.of(200);

  static Stream<Arguments> doors() {
    return Stream.of(
        // without credentials
        door("GET", "/engine-rest/task", NOBODY, null, UNAUTHORIZED),
        door("GET", "/engine-rest/process-definition", NOBODY, null, UNAUTHORIZED),
        door("POST", "/engine-rest/filter/create", NOBODY, null, UNAUTHORIZED),
        door("GET", "/api/me", NOBODY, null, UNAUTHORIZED),
        door("GET", "/api/letters?year=2026", NOBODY, null, UNAUTHORIZED),
        door("GET", "/api/units/D01/record", NOBODY, null, UNAUTHORIZED),
        door("POST", "/api/letter-campaigns", NOBODY, null, UNAUTHORIZED),
        door("GET", "/pages/guidebook", NOBODY, null, UNAUTHORIZED),
        door("GET", "/pages/dashboard", NOBODY, null, UNAUTHORIZED),
        door("GET", "/pages/units/D01/record", NOBODY, null, UNAUTHORIZED),
        door("GET", WEBAPP_ENGINE + "/task", NOBODY, null, UNAUTHORIZED),
        door("GET", "/actuator/env", NOBODY, null, Set.of(401, 403)),
        // wrong credentials (a login of its own: Camunda then slows that login down)
        door("GET", "/engine-rest/task", "d02insp", WRONG, UNAUTHORIZED),
        door("GET", "/api/me", "d02insp", WRONG, UNAUTHORIZED),
        door("GET", "/pages/guidebook", "d02insp", WRONG, UNAUTHORIZED),
        door("GET", "/engine-rest/task", "nobody-at-all", WRONG, UNAUTHORIZED),
        // another unit's things
        door("GET", "/api/units/T01/record", "d01sec", PASSWORD, FORBIDDEN),
        door("GET", "/api/units/T01/record/verification", "d01sec", PASSWORD, FORBIDDEN),
        door("GET", "/api/units/T01/record/export.pdf", "d01sec", PASSWORD, FORBIDDEN),
        door("GET", "/pages/units/T01/record", "d01sec", PASSWORD, FORBIDDEN),
        door("GET", "/api/letters/{T01_LETTER}/document", "d01sec", PASSWORD, FORBIDDEN),
        door("GET", "/api/letters/{T01_LETTER}/document", "d01staff", PASSWORD, FORBIDDEN),
        door("GET", "/engine-rest/task/{T01V01_TASK}", "d01sec", PASSWORD, FORBIDDEN_OR_HIDDEN),
        door("GET", "/engine-rest/task/{T01V01_TASK}/variables", "d01sec", PASSWORD, FORBIDDEN_OR_HIDDEN),
        door("POST", "/engine-rest/task/{T01V01_TASK}/complete", "d01sec", PASSWORD, FORBIDDEN_OR_HIDDEN),
        // level by level: the parent (洪家楼街道 T01) reads its village T01V01's work through both doors ...
        door("GET", "/api/units/T01V01/record", "t01sec", PASSWORD, OK),
        door("GET", "/api/units/T01V01/record/verification", "t01insp", PASSWORD, OK),
        door("GET", "/pages/units/T01V01/record", "t01sec", PASSWORD, OK),
        door("GET", "/api/overdue/units/T01V01/tasks", "t01sec", PASSWORD, OK),
        door("GET", "/api/letters/{T01_LETTER}", "t01sec", PASSWORD, OK),
        door("GET", "/engine-rest/task/{T01V01_TASK}", "t01sec", PASSWORD, OK),
        door("GET", "/engine-rest/task/{T01V01_TASK}", "t01insp", PASSWORD, OK),
        // the letter campaign is one instance of the whole district: a town reads its village's letter task, not
        // the campaign (a unit's own instances, such as its self-check, it reads: SupervisionFollowsTreeTest)
        door("GET", "/engine-rest/process-instance/{T01V01_INSTANCE}", "t01sec", PASSWORD, FORBIDDEN_OR_HIDDEN),
        door("GET", "/engine-rest/history/process-instance/{T01V01_INSTANCE}", "t01sec", PASSWORD,
            FORBIDDEN_OR_HIDDEN),
        // ... but does not work on it, nor write its record manual
        door("POST", "/engine-rest/task/{T01V01_TASK}/complete", "t01sec", PASSWORD, FORBIDDEN_OR_HIDDEN),
        door("POST", "/api/units/T01V01/record", "t01sec", PASSWORD, FORBIDDEN),
        // the town's staff supervise nobody
        door("GET", "/api/units/T01V01/record", "t01staff", PASSWORD, FORBIDDEN),
        door("GET", "/engine-rest/task/{T01V01_TASK}", "t01staff", PASSWORD, FORBIDDEN_OR_HIDDEN),
        // the child sees nothing of its parent
        door("GET", "/api/units/T01/record", "t01v01sec", PASSWORD, FORBIDDEN),
        door("GET", "/pages/units/T01/record", "t01v01sec", PASSWORD, FORBIDDEN),
        door("GET", "/api/overdue/units/T01/tasks", "t01v01sec", PASSWORD, FORBIDDEN),
        // siblings (T01S01 and T01V01 under T01) see nothing of each other
        door("GET", "/api/units/T01S01/record", "t01v01sec", PASSWORD, FORBIDDEN),
        door("GET", "/pages/units/T01S01/record", "t01v01sec", PASSWORD, FORBIDDEN),
        door("GET", "/api/units/T01V01/record", "t01s01sec", PASSWORD, FORBIDDEN),
        door("GET", "/engine-rest/task/{T01V01_TASK}", "t01s01sec", PASSWORD, FORBIDDEN_OR_HIDDEN),
        door("GET", "/engine-rest/process-instance/{T01V01_INSTANCE}", "t01s01sec", PASSWORD, FORBIDDEN_OR_HIDDEN),
        // nor does another town (西营镇 T02) see 洪家楼街道's village
        door("GET", "/api/units/T01V01/record", "t02sec", PASSWORD, FORBIDDEN),
        door("GET", "/pages/units/T01V01/record", "t02insp", PASSWORD, FORBIDDEN),
        door("GET", "/api/letters/{T01_LETTER}", "t02sec", PASSWORD, FORBIDDEN_OR_HIDDEN),
        door("GET", "/engine-rest/task/{T01V01_TASK}", "t02sec", PASSWORD, FORBIDDEN_OR_HIDDEN),
        door("GET", "/engine-rest/process-instance/{T01V01_INSTANCE}", "t02sec", PASSWORD, FORBIDDEN_OR_HIDDEN),
        door("GET", "/engine-rest/history/process-instance/{T01V01_INSTANCE}", "t02sec", PASSWORD,
            FORBIDDEN_OR_HIDDEN),
        // what only the district or an administrator does
        door("POST", "/engine-rest/filter/create", "d01sec", PASSWORD, FORBIDDEN),
        door("POST", "/engine-rest/filter/create", "d01staff", PASSWORD, FORBIDDEN),
        door("POST", "/api/letter-campaigns", "d01sec", PASSWORD, FORBIDDEN),
        door("POST", "/engine-rest/user/create", "jiwei", PASSWORD, FORBIDDEN),
        door("POST", "/engine-rest/authorization/create", "d01sec", PASSWORD, FORBIDDEN),
        door("POST", "/engine-rest/group/create", "d01sec", PASSWORD, FORBIDDEN));
  }

  static Arguments door(String method, String path, String user, String password, Set<Integer> expected) {
    return Arguments.of(new Door(method, path, user, password == null ? null : password, expected));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("doors")
  void everyDoorAnswersOnlyThoseItShould(Door door) throws IOException {
    String path = door.path()
        .replace("{T01_LETTER}", String.valueOf(letterIdOf("T01V01")))
        .replace("{T01V01_TASK}", tasks("t01v01sec").isEmpty() ? "none" : tasks("t01v01sec").get(0).get("id")
            .asText())
        .replace("{T01V01_INSTANCE}", tasks("t01v01sec").isEmpty() ? "none" : tasks("t01v01sec").get(0)
            .get("processInstanceId").asText());
    TestRestTemplate client = door.user() == null ? http : http.withBasicAuth(door.user(), door.password());
    HttpHeaders headers = new HttpHeaders();
    Object body = null;
    if (door.method().equals("POST")) {
      headers.setContentType(MediaType.APPLICATION_JSON);
      body = path.endsWith("/filter/create")
          ? "{\"resourceType\":\"Task\",\"name\":\"伪造的过滤器\",\"owner\":\"" + door.user() + "\",\"query\":{}}"
          : path.endsWith("/complete") ? "{\"variables\":{\"decision\":{\"value\":\"SIGN\"},"
              + "\"signature\":{\"value\":\"张伟\"}}}"
          : path.endsWith("/user/create") ? "{\"profile\":{\"id\":\"intruder\"},\"credentials\":{\"password\":"
              + "\"x1234567890\"}}"
          : path.endsWith("/group/create") ? "{\"id\":\"intruders\",\"name\":\"x\"}"
          : path.endsWith("/authorization/create") ? "{\"type\":1,\"permissions\":[\"ALL\"],\"userId\":\""
              + door.user() + "\",\"resourceType\":7,\"resourceId\":\"*\"}"
          : "{\"year\":\"2041\"}";
    }
    ResponseEntity<String> response = client.exchange(URI.create(http.getRootUri() + path),
        HttpMethod.valueOf(door.method()), new HttpEntity<>(body, headers), String.class);
    assertThat(response.getStatusCode().value()).as(door.toString() + ": " + response.getBody())
        .isIn(door.expected());
  }

  /**
   * A caller of each kind: the district's three posts, a unit's secretary and staff, a post of neither, and a
   * town's secretary (the parent of T01V01).
   */
  static final List<String> CALLERS = List.of("jiwei", "quwei", "admin", "d01sec", "d01staff", "designer", "t01sec");

  /** Every line of the access matrix, made concrete (own unit and another unit), for a caller of each kind. */
  static Stream<Arguments> mappingsAndCallers() {
    List<Arguments> arguments = new ArrayList<>();
    for (ApiAccessPolicy.Rule rule : ApiAccessPolicy.rules()) {
      String pattern = rule.pattern().getPatternString();
      // an own unit, another unit, and T01's village (a child for t01sec, a stranger for the others)
      List<String> units = pattern.contains("{unitCode}") ? List.of("D01", "T01", "T01V01") : List.of("");
      for (String unit : units) {
        for (String caller : CALLERS) {
          arguments.add(Arguments.of(rule.method().name(), pattern, unit, caller));
        }
      }
    }
    return arguments.stream();
  }

  static final Map<String, org.liangze.organisation.Official> OFFICIALS = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The matrix holds for real callers: a mapping refuses (403, before any controller runs) exactly the callers its
   * line does not name, and lets the others through (whatever the feature then answers: 200, 400 for the empty body
   * or 404 for an id that does not exist — never 401 or 403). Nothing changes, whoever calls.
   */
  @ParameterizedTest(name = "{0} {1} [{2}] as {3}")
  @MethodSource("mappingsAndCallers")
  void everyMappingAdmitsExactlyWhomItsPolicyNames(String method, String pattern, String unit, String caller)
      throws IOException {
    TestRestTemplate client = caller.equals("admin") ? http.withBasicAuth("admin", "test-admin-password") : as(caller);
    org.liangze.organisation.Official official = OFFICIALS.computeIfAbsent(caller, name -> {
      try {
        JsonNode me = json.readTree(client.getForObject("/api/me", String.class));
        List<String> groups = new ArrayList<>();
        me.get("groupIds").forEach(group -> groups.add(group.asText()));
        return org.liangze.organisation.Official.of(name, groups);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    ApiAccessPolicy.Rule rule = ApiAccessPolicy.rules().stream()
        .filter(r -> r.method().name().equals(method) && r.pattern().getPatternString().equals(pattern))
        .findFirst().orElseThrow();
    String path = pattern.replace("{unitCode}", unit).replace("{id}", "999999999").replace("{year}", "2026")
        .replace("{quarter}", "2026Q1").replace("{period}", "2026H1").replace("{hash}", "f".repeat(64))
        .replace("{token}", "0".repeat(48)).replace("{login}", "nobody");
    boolean admitted = rule.who().admits().test(official, unit.isEmpty() ? Map.of() : Map.of("unitCode", unit));
    Map<String, Long> before = counts();
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> answer = client.exchange(URI.create(http.getRootUri() + path), HttpMethod.valueOf(method),
        new HttpEntity<>(method.equals("GET") ? null : "{}", headers), String.class);
    String said = method + " " + path + " as " + caller + " (" + rule.who() + ") -> " + answer.getStatusCode() + " "
        + answer.getBody();
    if (admitted) {
      assertThat(answer.getStatusCode().value()).as(said).isNotIn(401, 403);
    } else {
      assertThat(answer.getStatusCode().value()).as(said).isEqualTo(403);
      assertThat(answer.getBody()).as(said).contains("无权");
    }
    assertThat(counts()).as(said).isEqualTo(before);
  }

  @Test
  void everyoneSeesOnlyTheirOwnUnitsWork() throws IOException {
    List<JsonNode> own = tasks("d01sec");
    assertThat(own).allMatch(task -> task.get("name").asText().contains("区教育和体育局"));
    // its own unit's, and (level by level) its sections', never another department's
    JsonNode letters = json.readTree(as("d01sec").getForObject("/api/letters?year=" + YEAR, String.class));
    assertThat(letters).allMatch(letter -> letter.get("unitCode").asText().equals("D01")
        || letter.path("issuerUnitCode").asText().equals("D01"));
    assertThat(letters).extracting(letter -> letter.get("unitCode").asText()).contains("D01")
        .doesNotContain("D02", "T01V01");
    assertThat(json.readTree(as("d01sec").getForObject("/engine-rest/filter", String.class)))
        .noneMatch(filter -> filter.get("name").asText().equals("伪造的过滤器"));
  }

  /**
   * Level by level through the engine's doors: a town's secretary's task list holds the letters of the town's
   * village and section (read only) next to the town's own, never another town's; the village's holds only its own;
   * history and Tasklist's own API (a session) agree; {@code /api/letters} lists the town and its children.
   */
  @Test
  void aTownReadsItsChildrensWorkThroughEveryDoorAndSiblingsNothing() throws IOException {
    await().atMost(Duration.ofSeconds(60)).until(() -> tasks("t01sec").stream()
        .anyMatch(task -> task.get("name").asText().contains("洪家楼街道花园社区")));
    assertThat(tasks("t01sec")).extracting(task -> task.get("name").asText())
        .anyMatch(name -> name.contains("洪家楼街道花园社区")).anyMatch(name -> name.contains("洪家楼街道财政所"))
        .anyMatch(name -> name.contains("洪家楼街道洪楼社区")).noneMatch(name -> name.contains("西营镇"));
    // works on its own only
    assertThat(ownTasks("t01sec")).extracting(task -> task.get("name").asText())
        .containsExactly("阅读并签订目标责任书（洪家楼街道）");
    assertThat(tasks("t01v01sec")).hasSize(1);
    assertThat(tasks("t01s01sec")).extracting(task -> task.get("name").asText())
        .noneMatch(name -> name.contains("花园社区"));
    String villageTask = tasks("t01v01sec").get(0).get("id").asText();
    assertThat(json.readTree(as("t01sec").getForObject("/engine-rest/history/task?taskId=" + villageTask,
        String.class))).hasSize(1);
    assertThat(json.readTree(as("t02sec").getForObject("/engine-rest/history/task?taskId=" + villageTask,
        String.class))).isEmpty();
    assertThat(json.readTree(as("t01s01sec").getForObject("/engine-rest/history/task?taskId=" + villageTask,
        String.class))).isEmpty();
    HttpHeaders tasklist = tasklistSession("t01sec");
    assertThat(http.exchange(WEBAPP_ENGINE + "/task/" + villageTask, HttpMethod.GET, new HttpEntity<>(tasklist),
        String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(http.exchange(WEBAPP_ENGINE + "/task/" + villageTask, HttpMethod.GET,
        new HttpEntity<>(tasklistSession("t02sec")), String.class).getStatusCode().value()).isIn(403, 404);
    JsonNode letters = json.readTree(as("t01sec").getForObject("/api/letters?year=" + YEAR, String.class));
    List<String> units = new ArrayList<>();
    letters.forEach(letter -> units.add(letter.get("unitCode").asText()));
    assertThat(units).containsExactlyInAnyOrder("T01", "T01S01", "T01V01", "T01V02");
    // the overdue report (Cockpit's plugin): the town and its children, never another town's village; Cockpit opens
    // for the town's leading posts, not for a village's
    JsonNode overdue = json.readTree(as("t01sec").getForObject("/api/overdue", String.class));
    overdue.get("units").forEach(unit -> assertThat(unit.get("unitCode").asText()).startsWith("T01"));
    assertThat(webappLogin("t01sec", "cockpit")).isEqualTo(200);
    assertThat(webappLogin("t01insp", "cockpit")).isEqualTo(200);
    assertThat(webappLogin("t01v01sec", "cockpit")).isEqualTo(403);
    assertThat(webappLogin("t01staff", "cockpit")).isEqualTo(403);
  }

  /** The status of a login to one of the webapps (403 without the application's access). */
  private int webappLogin(String user, String app) {
    ResponseEntity<String> probe = http.getForEntity("/camunda/api/admin/auth/user/default", String.class);
    String xsrf = probe.getHeaders().get(HttpHeaders.SET_COOKIE).stream()
        .filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow().split("[=;]")[1];
    HttpHeaders login = new HttpHeaders();
    login.add(HttpHeaders.COOKIE, cookies(probe));
    login.add("X-XSRF-TOKEN", xsrf);
    login.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return http.exchange("/camunda/api/admin/auth/user/default/login/" + app, HttpMethod.POST,
        new HttpEntity<>("username=" + user + "&password=" + PASSWORD, login), String.class).getStatusCode().value();
  }

  @Test
  void aCampaignsProgressIsTheDistrictsAndAUnitSeesOnlyItsOwnLetter() throws IOException {
    for (String district : List.of("quwei", "jiwei", "admin")) {
      ResponseEntity<String> answer = district.equals("admin")
          ? http.withBasicAuth("admin", "test-admin-password").getForEntity("/api/letter-campaigns/" + YEAR,
              String.class)
          : as(district).getForEntity("/api/letter-campaigns/" + YEAR, String.class);
      JsonNode progress = json.readTree(answer.getBody());
      assertThat(progress.get("processInstanceId").asText()).as(district).isNotBlank();
      assertThat(progress.get("letters").isObject()).as("counts by status").isTrue();
    }
    for (String unitUser : List.of("d01sec", "d01staff")) {
      ResponseEntity<String> answer = as(unitUser).getForEntity("/api/letter-campaigns/" + YEAR, String.class);
      assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
      JsonNode own = json.readTree(answer.getBody());
      assertThat(own.get("year").asInt()).isEqualTo(YEAR);
      assertThat(own.has("processInstanceId")).as(unitUser + " sees no instance id").isFalse();
      assertThat(own.get("letters")).hasSize(1);
      assertThat(own.at("/letters/0/unitCode").asText()).isEqualTo("D01");
      assertThat(own.at("/letters/0/letterId").asLong()).isEqualTo(letterIdOf("D01"));
      assertThat(own.at("/letters/0/status").asText()).isNotBlank();
      assertThat(answer.getBody()).doesNotContain("T01V01").doesNotContain("quwei");
    }
    assertThat(as("d01sec").getForEntity("/api/letter-campaigns/2031", String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void aWrongPasswordLocksThatLoginForAWhileOnEveryDoor() {
    String user = "t02insp";
    assertThat(http.withBasicAuth(user, PASSWORD).getForEntity("/api/me", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);

    assertThat(http.withBasicAuth(user, WRONG).getForEntity("/engine-rest/task", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    // Camunda now locks the login for login-delay-base (3 s): even the right password is refused, on every door
    assertThat(jdbc.sql("select attempts_ from act_id_user where id_ = ?").param(user).query(Integer.class).single())
        .isEqualTo(1);
    assertThat(http.withBasicAuth(user, PASSWORD).getForEntity("/engine-rest/task", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.withBasicAuth(user, PASSWORD).getForEntity("/api/me", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);

    // a delay, not a denial: once it has passed, the right password works again and the count starts over
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() ->
        http.withBasicAuth(user, PASSWORD).getForEntity("/api/me", String.class).getStatusCode() == HttpStatus.OK);
    assertThat(jdbc.sql("select attempts_ from act_id_user where id_ = ?").param(user).query(Integer.class).single())
        .isZero();
  }

  @Test
  void theWebappsAndTheApiSendSecurityHeaders() {
    ResponseEntity<String> tasklist = http.getForEntity("/camunda/app/tasklist/default/", String.class);
    assertThat(tasklist.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(tasklist.getHeaders().getFirst("Content-Security-Policy")).contains("default-src");
    assertThat(tasklist.getHeaders().getFirst("X-XSS-Protection")).isNotBlank();

    ResponseEntity<String> api = as("d01sec").getForEntity("/api/me", String.class);
    assertThat(api.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(api.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(api.getHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");
    assertThat(api.getHeaders().getFirst("Content-Security-Policy")).contains("frame-ancestors 'none'");
    assertThat(api.getHeaders().getCacheControl()).contains("no-store");
    // the engine REST API too, answered or refused
    for (ResponseEntity<String> engine : List.of(as("d01sec").getForEntity("/engine-rest/task", String.class),
        http.getForEntity("/engine-rest/task", String.class))) {
      assertThat(engine.getStatusCode().value()).isIn(200, 401);
      assertThat(engine.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(engine.getHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");
      assertThat(engine.getHeaders().getFirst("Content-Security-Policy")).contains("frame-ancestors 'none'");
    }
    ResponseEntity<String> refused = http.getForEntity("/api/me", String.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(refused.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  /**
   * This context trusts only a proxy at 10.255.0.1 (liangze.trusted-proxies), so the test's own loopback client is
   * an ordinary client: its X-Forwarded-Proto does not make the platform believe the request came over HTTPS (the
   * session cookie would then be marked Secure) and its other forwarded headers are dropped.
   */
  @Test
  void forwardedHeadersFromAnUntrustedClientAreIgnored() {
    HttpHeaders spoofed = new HttpHeaders();
    spoofed.add("X-Forwarded-Proto", "https");
    spoofed.add("X-Forwarded-For", "10.255.0.1");
    spoofed.add("X-Forwarded-Host", "evil.example");
    spoofed.add("Forwarded", "for=10.255.0.1;proto=https;host=evil.example");
    ResponseEntity<String> answer = http.exchange("/camunda/api/admin/auth/user/default", HttpMethod.GET,
        new HttpEntity<>(spoofed), String.class);
    List<String> session = answer.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream()
        .filter(cookie -> cookie.startsWith("SESSION=")).toList();
    assertThat(session).as("a session cookie was set").hasSize(1);
    assertThat(session.get(0)).doesNotContainIgnoringCase("Secure");
    assertThat(answer.getHeaders().toString()).doesNotContain("evil.example");
  }

  // ---- 3. hostile input --------------------------------------------------------------------------------------

  @Test
  void hostileInputGetsAClientErrorAndChangesNothing() throws IOException {
    Map<String, Long> before = counts();
    List<ResponseEntity<String>> answers = new ArrayList<>();
    answers.add(postRaw("quwei", "/api/letter-campaigns", "{\"year\": "));
    answers.add(postRaw("quwei", "/api/letter-campaigns", "{\"year\": []}"));
    answers.add(postRaw("quwei", "/api/letter-campaigns", "[1,2,3]"));
    answers.add(postRaw("quwei", "/api/letter-campaigns", "{\"year\": \"2026'; drop table letters;--\"}"));
    answers.add(postRaw("d01staff", "/api/units/D01/record", "{\"summary\": {\"$ne\": 1}, \"occurredAt\": 5}"));
    ResponseEntity<String> oversized = postRaw("quwei", "/api/letter-campaigns", "{\"year\":\"2042\",\"pad\":\""
        + "x".repeat(2_000_000) + "\"}");
    assertThat(oversized.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
    assertThat(oversized.getBody()).contains("过大");
    answers.add(get("d01sec", "/api/letters?year=2026'--"));
    answers.add(get("d01sec", "/api/letters?year=2026%20or%201=1"));
    answers.add(get("d01sec", "/api/units/D01%27%3Bdrop%20table%20units%3B--/record"));
    answers.add(get("jiwei", "/api/units/D01%27%20or%20%271%27=%271/record"));
    answers.add(get("d01sec", "/api/letters/1%20or%201=1/document"));
    for (ResponseEntity<String> answer : answers) {
      assertThat(answer.getStatusCode().is4xxClientError()).as(answer.getStatusCode() + " " + answer.getBody())
          .isTrue();
    }
    assertThat(counts()).isEqualTo(before);
  }

  /** Every filter and identifier our API and pages take from the URL; {X} is where the hostile text goes. */
  static final List<String> PARAMETERS = List.of(
      "/api/letters?year={X}", "/api/letter-campaigns/{X}", "/api/letters/{X}", "/api/letters/{X}/document",
      "/api/units/D01/effective-list?year={X}", "/api/lists/{X}", "/api/my-list-items?year={X}",
      "/api/units/D01/self-checks?quarter={X}", "/api/self-check-campaigns/{X}",
      "/api/units/D01/half-year-reports/{X}", "/api/half-year-reports/{X}/summary",
      "/api/dashboard?period={X}", "/api/dashboard/units/D01?period={X}",
      "/api/dashboard/units/D01/accountability?period={X}", "/api/dashboard/ranking?period={X}",
      "/api/dashboard/ranking.xlsx?period={X}", "/api/dashboard/ranking.pdf?period={X}",
      "/pages/dashboard?period={X}",
      "/api/notifications?recipient={X}", "/api/notifications?status={X}", "/api/notifications?from={X}",
      "/api/notifications?page={X}", "/pages/notification-centre?kind={X}",
      "/api/units/{X}/record", "/api/units/{X}/record/verification", "/api/units/{X}/record/flags",
      "/api/units/{X}/record/export.xlsx", "/api/units/{X}/record/export.pdf", "/pages/units/{X}/record",
      "/api/units/{X}/self-checks", "/api/units/{X}/rectifications", "/api/units/{X}/talks",
      "/api/dashboard/units/{X}", "/api/evidence/{X}", "/api/talks/{X}", "/api/accountability-cases/{X}",
      "/api/overdue/units/{X}/tasks", "/api/overdue/units/D01/tasks?first={X}", "/api/overdue/units/D01/tasks?max={X}");

  /** SQL and pattern metacharacters, URL-encoded. */
  static final List<String> HOSTILE = List.of("2026%27%20or%20%271%27%3D%271", "1%3B%20drop%20table%20units%3B--",
      "%25%27%20--", "D01%22%20or%20%22%22%3D%22", "*", "..%2F..%2Fetc%2Fpasswd");

  static Stream<Arguments> hostileParameters() {
    return PARAMETERS.stream().flatMap(path -> HOSTILE.stream().map(text -> Arguments.of(path.replace("{X}", text))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileParameters")
  void sqlMetacharactersInAnyParameterGetAClientErrorAndChangeNothing(String path) {
    Map<String, Long> before = counts();
    // the district's supervisor may read every unit: the only thing refusing these is the check of the input
    ResponseEntity<String> answer = get("jiwei", path);
    assertThat(answer.getStatusCode().is4xxClientError()).as(path + " -> " + answer.getStatusCode() + " "
        + answer.getBody()).isTrue();
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void aDesignerDeployingABrokenModelGetsAClientErrorAndNothingIsDeployed() {
    long deployments = jdbc.sql("select count(*) from act_re_deployment").query(Long.class).single();
    Map<String, String> answers = new java.util.TreeMap<>();
    for (Map.Entry<String, String> broken : Map.of(
        "broken.bpmn", "<?xml version=\"1.0\"?><bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/"
            + "20100524/MODEL\" targetNamespace=\"x\"><bpmn:process id=\"broken\" isExecutable=\"true\">"
            + "<bpmn:startEvent id=\"s\"/><bpmn:sequenceFlow id=\"f\" sourceRef=\"s\" targetRef=\"nowhere\"/>"
            + "</bpmn:process></bpmn:definitions>",
        "broken.dmn", "<?xml version=\"1.0\"?><definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\""
            + " id=\"d\" name=\"d\" namespace=\"x\"><decision id=\"broken\"><decisionTable id=\"t\">"
            + "<output id=\"o\" typeRef=\"no-such-type\"/><rule id=\"r\"><outputEntry id=\"e\"><text>1 +</text>"
            + "</outputEntry></rule></decisionTable></decision></definitions>",
        "not-xml.bpmn", "this is not a model <<<", "not-xml.dmn", "<definitions>neither</wrong>").entrySet()) {
      org.springframework.util.LinkedMultiValueMap<String, Object> form = new org.springframework.util.LinkedMultiValueMap<>();
      form.add("deployment-name", "hostile");
      form.add(broken.getKey(), WebClient.namedFile(
          broken.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8), broken.getKey()));
      HttpHeaders headers = new HttpHeaders();
      headers.setContentType(MediaType.MULTIPART_FORM_DATA);
      ResponseEntity<String> answer = as("designer").exchange("/engine-rest/deployment/create", HttpMethod.POST,
          new HttpEntity<>(form, headers), String.class);
      answers.put(broken.getKey(), answer.getStatusCode().value() + " " + answer.getBody());
    }
    assertThat(answers).allSatisfy((model, answer) -> assertThat(answer).startsWith("400 "));
    assertThat(jdbc.sql("select count(*) from act_re_deployment").query(Long.class).single())
        .isEqualTo(deployments);
  }

  private Map<String, Long> counts() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    for (String table : List.of("units", "letters", "letter_campaigns", "record_entries", "people",
        "responsibility_lists")) {
      counts.put(table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
    }
    return counts;
  }

  // ---- helpers -----------------------------------------------------------------------------------------------

  /** Logs into Tasklist as the user; the headers carry the session cookie and the CSRF token. */
  private HttpHeaders tasklistSession(String user) {
    ResponseEntity<String> probe = http.getForEntity("/camunda/api/admin/auth/user/default", String.class);
    String cookies = cookies(probe);
    String xsrf = probe.getHeaders().get(HttpHeaders.SET_COOKIE).stream()
        .filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow().split("[=;]")[1];
    HttpHeaders login = new HttpHeaders();
    login.add(HttpHeaders.COOKIE, cookies);
    login.add("X-XSRF-TOKEN", xsrf);
    login.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    ResponseEntity<String> loggedIn = http.exchange("/camunda/api/admin/auth/user/default/login/tasklist",
        HttpMethod.POST, new HttpEntity<>("username=" + user + "&password=" + PASSWORD, login), String.class);
    assertThat(loggedIn.getStatusCode()).isEqualTo(HttpStatus.OK);
    HttpHeaders session = new HttpHeaders();
    if (loggedIn.getHeaders().containsKey(HttpHeaders.SET_COOKIE)) {
      // the session id changes at login, and with it the token
      cookies = cookies(loggedIn);
      xsrf = loggedIn.getHeaders().get(HttpHeaders.SET_COOKIE).stream().filter(c -> c.startsWith("XSRF-TOKEN="))
          .findFirst().map(c -> c.split("[=;]")[1]).orElse(xsrf);
    }
    // the token that goes with the logged-in session
    HttpHeaders probeAgain = new HttpHeaders();
    probeAgain.add(HttpHeaders.COOKIE, cookies);
    ResponseEntity<String> again = http.exchange("/camunda/api/admin/auth/user/default", HttpMethod.GET,
        new HttpEntity<>(probeAgain), String.class);
    if (again.getHeaders().containsKey(HttpHeaders.SET_COOKIE)) {
      xsrf = again.getHeaders().get(HttpHeaders.SET_COOKIE).stream().filter(c -> c.startsWith("XSRF-TOKEN="))
          .findFirst().map(c -> c.split("[=;]")[1]).orElse(xsrf);
    }
    session.add(HttpHeaders.COOKIE, cookies);
    session.add("X-XSRF-TOKEN", xsrf);
    return session;
  }

  private static HttpHeaders jsonHeaders() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }

  private static String cookies(ResponseEntity<?> response) {
    return String.join("; ", response.getHeaders().get(HttpHeaders.SET_COOKIE).stream()
        .map(cookie -> cookie.split(";")[0]).toList());
  }

  private static Map<String, Object> value(Object value) {
    return Map.of("value", value);
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, PASSWORD);
  }

  private ResponseEntity<String> get(String user, String encodedPath) {
    return as(user).exchange(URI.create(http.getRootUri() + encodedPath), HttpMethod.GET, null, String.class);
  }

  private ResponseEntity<String> post(String user, String path, Object body) throws IOException {
    return postRaw(user, path, json.writeValueAsString(body));
  }

  private ResponseEntity<String> postRaw(String user, String path, String body) {
    return exchange(user, HttpMethod.POST, path, body);
  }

  private ResponseEntity<String> exchange(String user, HttpMethod method, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    try {
      Object payload = body instanceof String || body == null ? body : json.writeValueAsString(body);
      return as(user).exchange(path, method, new HttpEntity<>(payload, headers), String.class);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The letter tasks the user may work on (as a candidate), not those they only read as a parent. */
  private List<JsonNode> ownTasks(String user) throws IOException {
    List<JsonNode> tasks = new ArrayList<>();
    json.readTree(as(user).getForObject("/engine-rest/task?processDefinitionKey=letterSigning&candidateUser=" + user,
        String.class)).forEach(tasks::add);
    return tasks;
  }

  private List<JsonNode> tasks(String user) throws IOException {
    List<JsonNode> tasks = new ArrayList<>();
    json.readTree(as(user).getForObject("/engine-rest/task?processDefinitionKey=letterSigning", String.class))
        .forEach(tasks::add);
    return tasks;
  }

  private List<Map<String, Object>> letterRows() {
    return jdbc.sql("select * from letters where letter_year = ? order by id").param(YEAR).query().listOfRows();
  }

  private long letterIdOf(String unitCode) {
    return jdbc.sql("select id from letters where unit_code = ? and letter_year = ? order by revision desc limit 1")
        .params(unitCode, YEAR).query(Long.class).single();
  }
}
