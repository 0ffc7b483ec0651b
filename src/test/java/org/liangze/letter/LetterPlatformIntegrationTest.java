package org.liangze.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.IdentitySync;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
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
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The whole application on a real PostgreSQL, with its job executor running, driven over HTTP the way Tasklist,
 * the committee's tools and a unit secretary's browser drive it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.job-execution.enabled=true")
@ActiveProfiles("test")
// close the application while its PostgreSQL is still up, not in the JVM's shutdown race
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LetterPlatformIntegrationTest {

  static final String PASSWORD = "demo-test-pw";

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    // people get this password when first created, as the demo profile does
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @Autowired TestRestTemplate http;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired UnitRepository units;
  @Autowired JdbcClient jdbc;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void district() throws IOException {
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
  }

  @Test
  void everyDoorRequiresLogin() {
    assertThat(http.getForEntity("/engine-rest/task", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    // wrong passwords on a login of their own: Camunda then delays that login's next attempts, as it should
    assertThat(as("d02staff", "wrong-password").getForEntity("/engine-rest/task", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForEntity("/api/letters?year=2026", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(as("d01staff", "wrong-password").getForEntity("/api/letters?year=2026", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(as("d01sec").getForEntity("/engine-rest/task", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void theCommitteeStartsAYearAndEveryUnitSignsItsOwnLetter() throws Exception {
    district.publishLists(2027);
    assertThat(post("d01sec", "/api/letter-campaigns", Map.of("year", "2027")).getStatusCode())
        .as("a unit secretary may not start the district's campaign").isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> started = post("quwei", "/api/letter-campaigns", Map.of("year", "2027"));
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(post("quwei", "/api/letter-campaigns", Map.of("year", "2027")).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);

    List<Unit> all = units.findAllActive();
    // the job executor issues the letters
    await().atMost(Duration.ofSeconds(60)).until(() -> tasks("quwei").size() == all.size());

    JsonNode own = singleTask("d01sec");
    assertThat(own.get("name").asText()).contains("区教育和体育局");
    // Tasklist's shared "my tasks" filter shows the secretary exactly that task
    String myTasks = null;
    for (JsonNode filter : json.readTree(as("d01sec").getForObject("/engine-rest/filter", String.class))) {
      if (filter.get("name").asText().equals("我的待办")) {
        myTasks = filter.get("id").asText();
      }
    }
    assertThat(myTasks).as("the shared filter").isNotNull();
    JsonNode listed = json.readTree(as("d01sec").getForObject("/engine-rest/filter/" + myTasks + "/list",
        String.class));
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("id").asText()).isEqualTo(own.get("id").asText());
    String othersTask = singleTask("t01v01sec").get("id").asText();

    // another unit's task: refused, and nothing changes
    assertThat(complete("d01sec", othersTask, "SIGN", "张伟").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(tasks("t01v01sec")).hasSize(1);
    // an empty signature: refused with a clear message, and nothing changes
    ResponseEntity<String> empty = complete("d01sec", own.get("id").asText(), "SIGN", "   ");
    assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(empty.getBody()).contains("签名不能为空");
    assertThat(singleTask("d01sec").get("id").asText()).isEqualTo(own.get("id").asText());
    assertThat(letterStatuses("jiwei", 2027)).doesNotContain("SIGNED");

    for (Unit unit : all) {
      String secretary = unit.code().toLowerCase() + "sec";
      assertThat(complete(secretary, singleTask(secretary).get("id").asText(), "SIGN", "书记" + unit.code())
          .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    }
    // level by level: the unit above countersigns (the district committee for the units directly under it)
    assertThat(letterStatuses("jiwei", 2027)).containsOnly("SIGNED");
    for (Unit unit : all) {
      String issuer = unit.parentCode() == null ? "quwei" : unit.parentCode().toLowerCase() + "sec";
      JsonNode countersign = tasks(issuer, "CountersignLetter").stream()
          .filter(task -> task.get("name").asText().endsWith("（" + unit.name() + "）")).findFirst().orElseThrow();
      assertThat(post(issuer, "/engine-rest/task/" + countersign.get("id").asText() + "/complete",
          Map.of("variables", Map.of("countersignature", Map.of("value", "会签" + unit.code()))))
          .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    }
    await().atMost(Duration.ofSeconds(60))
        .until(() -> letterStatuses("jiwei", 2027).stream().allMatch("ARCHIVED"::equals));
    assertThat(letterStatuses("jiwei", 2027)).hasSize(all.size());
    JsonNode progress = json.readTree(as("quwei").getForObject("/api/letter-campaigns/2027", String.class));
    assertThat(progress.at("/letters/ARCHIVED").asInt()).isEqualTo(all.size());

    // a unit sees and downloads its own letter and those it issued level by level (its sections', to countersign),
    // nothing of other units; supervisors see every letter
    JsonNode ownLetters = json.readTree(as("d01sec").getForObject("/api/letters?year=2027", String.class));
    List<String> seen = new ArrayList<>();
    ownLetters.forEach(letter -> seen.add(letter.get("unitCode").asText()));
    assertThat(seen).containsExactlyInAnyOrder("D01", "D01S01", "D01S02");
    JsonNode ownLetter = null;
    for (JsonNode letter : ownLetters) {
      if (letter.get("unitCode").asText().equals("D01")) {
        ownLetter = letter;
      } else {
        assertThat(letter.get("issuerUnitCode").asText()).isEqualTo("D01");
      }
    }
    ResponseEntity<String> document = as("d01sec").getForEntity(
        ownLetter.get("documentUrl").asText() + "?download=true", String.class);
    assertThat(document.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(document.getHeaders().getContentDisposition().isAttachment()).isTrue();
    assertThat(document.getBody()).contains("2027年度党风廉政建设目标责任书").contains("书记D01").contains("会签D01");

    long othersLetter = letterIdOf("T01V01", 2027);
    assertThat(as("d01sec").getForEntity("/api/letters/" + othersLetter + "/document", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as("jiwei").getForEntity("/api/letters/" + othersLetter + "/document", String.class)
        .getBody()).contains("书记T01V01");
  }

  @Test
  void badInputGetsAClearErrorAndChangesNothing() {
    long campaignsBefore = jdbc.sql("select count(*) from letter_campaigns").query(Long.class).single();
    for (String year : List.of("20x6", "26", "1999", "")) {
      ResponseEntity<String> response = post("quwei", "/api/letter-campaigns", Map.of("year", year));
      assertThat(response.getStatusCode()).as(year).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(response.getBody()).contains("年度");
    }
    assertThat(post("quwei", "/api/letter-campaigns", Map.of("year", "2090")).getBody()).contains("共性清单");
    assertThat(postRaw("quwei", "/api/letter-campaigns", "{not json").getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(as("d01sec").getForEntity("/api/letters?year=abcd", String.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(as("d01sec").getForEntity("/api/letters/999999/document", String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(jdbc.sql("select count(*) from letter_campaigns").query(Long.class).single())
        .isEqualTo(campaignsBefore);
  }

  @Test
  void aTasklistLoginOpensThePlatformsPagesForReadingOnly() throws IOException {
    ResponseEntity<String> probe = http.getForEntity("/camunda/api/admin/auth/user/default", String.class);
    String cookies = cookies(probe);
    String xsrf = probe.getHeaders().get(HttpHeaders.SET_COOKIE).stream()
        .filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow().split("[=;]")[1];
    HttpHeaders login = new HttpHeaders();
    login.add(HttpHeaders.COOKIE, cookies);
    login.add("X-XSRF-TOKEN", xsrf);
    login.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    ResponseEntity<String> loggedIn = http.exchange("/camunda/api/admin/auth/user/default/login/tasklist",
        HttpMethod.POST, new HttpEntity<>("username=d01sec&password=" + PASSWORD, login), String.class);
    assertThat(loggedIn.getStatusCode()).isEqualTo(HttpStatus.OK);
    String session = loggedIn.getHeaders().containsKey(HttpHeaders.SET_COOKIE) ? cookies(loggedIn) : cookies;

    HttpHeaders browser = new HttpHeaders();
    browser.add(HttpHeaders.COOKIE, session);
    ResponseEntity<String> me = http.exchange("/api/me", HttpMethod.GET, new HttpEntity<>(browser), String.class);
    assertThat(me.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.readTree(me.getBody()).get("unitCodes")).containsExactly(json.readTree("\"D01\""));
    browser.setContentType(MediaType.APPLICATION_JSON);
    assertThat(http.exchange("/api/letter-campaigns", HttpMethod.POST,
        new HttpEntity<>("{\"year\":\"2040\"}", browser), String.class).getStatusCode())
        .as("changes need credentials of their own").isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForEntity("/api/me", String.class).getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
        .startsWith("Basic");
  }

  private static String cookies(ResponseEntity<?> response) {
    return String.join("; ", response.getHeaders().get(HttpHeaders.SET_COOKIE).stream()
        .map(cookie -> cookie.split(";")[0]).toList());
  }

  @Test
  void processDesignersMayDeployAndNobodyElse() {
    assertThat(deploy("d01sec").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(deploy("jiwei").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(deploy("designer").getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  private ResponseEntity<String> deploy(String user) {
    String bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://liangze.org/test">
          <bpmn:process id="designerSketch" isExecutable="true" camunda:historyTimeToLive="1">
            <bpmn:startEvent id="s" />
          </bpmn:process>
        </bpmn:definitions>""";
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("deployment-name", "sketch-" + user);
    form.add("sketch.bpmn", WebClient.namedFile(bpmn.getBytes(StandardCharsets.UTF_8), "sketch.bpmn"));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return as(user).exchange("/engine-rest/deployment/create", HttpMethod.POST, new HttpEntity<>(form, headers),
        String.class);
  }

  private TestRestTemplate as(String user) {
    return as(user, PASSWORD);
  }

  private TestRestTemplate as(String user, String password) {
    return http.withBasicAuth(user, password);
  }

  private ResponseEntity<String> post(String user, String path, Object body) {
    try {
      return postRaw(user, path, json.writeValueAsString(body));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private ResponseEntity<String> postRaw(String user, String path, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return as(user).exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }

  /** The user's letter-signing tasks (their own unit's letter to sign). */
  private List<JsonNode> tasks(String user) throws IOException {
    return tasks(user, "SignLetter");
  }

  private List<JsonNode> tasks(String user, String taskDefinitionKey) throws IOException {
    List<JsonNode> tasks = new ArrayList<>();
    json.readTree(as(user).getForObject("/engine-rest/task?processDefinitionKey=letterSigning&taskDefinitionKey="
        + taskDefinitionKey, String.class)).forEach(tasks::add);
    return tasks;
  }

  /** The one letter task the user works on (as a candidate; level by level, a parent also reads its children's). */
  private JsonNode singleTask(String user) throws IOException {
    List<JsonNode> tasks = new ArrayList<>();
    json.readTree(as(user).getForObject("/engine-rest/task?processDefinitionKey=letterSigning&candidateUser=" + user,
        String.class)).forEach(tasks::add);
    assertThat(tasks).as("tasks of " + user).hasSize(1);
    return tasks.get(0);
  }

  private ResponseEntity<String> complete(String user, String taskId, String decision, String signature) {
    return post(user, "/engine-rest/task/" + taskId + "/complete", Map.of("variables", Map.of(
        "decision", Map.of("value", decision), "signature", Map.of("value", signature))));
  }

  private List<String> letterStatuses(String user, int year) throws IOException {
    List<String> statuses = new ArrayList<>();
    json.readTree(as(user).getForObject("/api/letters?year=" + year, String.class))
        .forEach(letter -> statuses.add(letter.get("status").asText()));
    return statuses;
  }

  private long letterIdOf(String unitCode, int year) {
    return jdbc.sql("select id from letters where unit_code = ? and letter_year = ?")
        .params(unitCode, year).query(Long.class).single();
  }
}
