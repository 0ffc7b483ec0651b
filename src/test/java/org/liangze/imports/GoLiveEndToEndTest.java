package org.liangze.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.liangze.imports.OrganisationSpreadsheets.PEOPLE_HEADERS;
import static org.liangze.imports.OrganisationSpreadsheets.UNIT_HEADERS;
import static org.liangze.imports.OrganisationSpreadsheets.row;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.liangze.imports.OrganisationSpreadsheets.District;
import org.liangze.lists.CommonListProcess;
import org.liangze.organisation.Groups;
import org.liangze.organisation.PersonRepository;
import org.liangze.organisation.Role;
import org.liangze.organisation.UnitRepository;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.liangze.support.WebClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Going live as a district does it, on PostgreSQL, starting the application on an empty database without the demo
 * profile: the administrator downloads the template, imports a generated district of 1,000 units and about 5,000
 * people (a dry run of the filled-in workbook, the apply from GB18030 CSV), imports both again without change, hands
 * out the first passwords; people set their own; the common lists are published and the committee starts the letter
 * campaign: every unit gets its letter. Then a re-import moves a secretary and removes a staff member, and their old
 * access is gone through every door (engine REST, {@code /api}, {@code /pages}, the webapps' session).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.job-execution.enabled=true")
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class GoLiveEndToEndTest {

  static final String ADMIN = "admin";
  static final String ADMIN_PASSWORD = "test-admin-password";
  static final String YEAR = "2026";
  static final Duration WAIT = Duration.ofMinutes(5);

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }

  @LocalServerPort int port;
  @Autowired TestRestTemplate http;
  @Autowired UnitRepository units;
  @Autowired PersonRepository people;
  @Autowired IdentityService identity;
  @Autowired TaskService taskService;
  final ObjectMapper json = new ObjectMapper();
  /** The passwords people set for themselves after their first login. */
  final Map<String, String> own = new HashMap<>();

  @Test
  void fromAnEmptyDatabaseToEveryUnitsLetterAndAccessFollowsTheNextImport() throws Exception {
    // an empty database: no units, no people, nobody but the administrator
    assertThat(units.isEmpty()).isTrue();
    assertThat(identity.createUserQuery().list()).extracting(User::getId).containsExactly(ADMIN);

    // 30 departments with 5 sections, 20 towns with 38 villages, 40 affiliated units: 1,000 units
    District district = OrganisationSpreadsheets.district(30, 5, 20, 38, 40);
    assertThat(district.units()).hasSize(1000);
    Set<String> logins = new HashSet<>();
    district.people().forEach(person -> logins.add(person.get(0)));
    int peopleCount = logins.size();
    assertThat(peopleCount).isGreaterThanOrEqualTo(5000);

    byte[] template = http.withBasicAuth(ADMIN, ADMIN_PASSWORD)
        .getForObject("/api/organisation/template.xlsx", byte[].class);
    List<List<String>> commonListRows = OrganisationSpreadsheets.commonLists(YEAR);
    byte[] workbook = OrganisationSpreadsheets.fillTemplate(template, district, commonListRows);
    Charset gb18030 = Charset.forName("GB18030");
    byte[] unitCsv = OrganisationSpreadsheets.csv(UNIT_HEADERS, district.units(), gb18030, false);
    byte[] peopleCsv = OrganisationSpreadsheets.csv(PEOPLE_HEADERS, district.people(), gb18030, false);

    // dry run of the workbook: everything would be added, nothing is
    JsonNode dryRun = ok(importWorkbook(workbook, true));
    assertThat(counts(dryRun.get("units"))).containsExactly(1000, 0, 0, 0);
    assertThat(counts(dryRun.get("people"))).containsExactly(peopleCount, 0, 0, 0);
    assertThat(dryRun.get("commonLists")).hasSize(5);
    assertThat(units.isEmpty()).isTrue();

    // the apply, from GB18030 CSV
    long start = System.nanoTime();
    JsonNode applied = ok(importCsv(unitCsv, peopleCsv, false));
    System.out.printf("Go-live import of 1,000 units and %d people applied in %d ms%n", peopleCount,
        (System.nanoTime() - start) / 1_000_000);
    assertThat(applied.get("applied").asBoolean()).isTrue();
    assertThat(counts(applied.get("units"))).containsExactly(1000, 0, 0, 0);
    assertThat(counts(applied.get("people"))).containsExactly(peopleCount, 0, 0, 0);
    assertThat(units.findAllActive()).hasSize(1000);
    assertThat(people.findAll()).hasSize(peopleCount);

    // the first passwords, once
    Map<String, String> first = firstPasswords(applied.get("firstPasswordsUrl").asText());
    assertThat(first.keySet()).isEqualTo(logins);
    assertThat(http.withBasicAuth(ADMIN, ADMIN_PASSWORD).getForEntity(applied.get("firstPasswordsUrl").asText(),
        byte[].class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

    // the same files again, workbook and CSV: no change to the organisation; the workbook's 共性清单 sheet goes to
    // the commission as one draft per unit type
    JsonNode again = ok(importWorkbook(workbook, false));
    assertThat(counts(again.get("units"))).containsExactly(0, 0, 0, 0);
    assertThat(counts(again.get("people"))).containsExactly(0, 0, 0, 0);
    assertThat(again.get("commonLists"))
        .allSatisfy(list -> assertThat(list.get("outcome").asText()).isEqualTo("REVIEW_STARTED"));
    JsonNode againCsv = ok(importCsv(unitCsv, peopleCsv, false));
    assertThat(counts(againCsv.get("units"))).containsExactly(0, 0, 0, 0);
    assertThat(counts(againCsv.get("people"))).containsExactly(0, 0, 0, 0);

    // people log in with their first password and set their own
    for (String login : List.of("orgadmin", "jiwei", "quwei", "t001v001sec", "t001v001staff1", "t002v001sec")) {
      setOwnPassword(login, first.get(login));
    }
    // the district's 组织管理员 reads the organisation and its imports
    assertThat(basic("GET", "/api/organisation/imports", "orgadmin").statusCode()).isEqualTo(200);
    assertThat(json.readTree(basic("GET", "/api/units", "orgadmin").body())).hasSize(1000);
    assertThat(basic("GET", "/api/organisation/imports", "jiwei").statusCode()).isEqualTo(403);
    // the district tree, whole and searched, for the 组织管理员 and the commission
    long treeStart = System.nanoTime();
    HttpResponse<String> tree = basic("GET", "/pages/organisation", "orgadmin");
    System.out.printf("District tree of 1,000 units: %d KB in %d ms%n", tree.body().length() / 1024,
        (System.nanoTime() - treeStart) / 1_000_000);
    assertThat(tree.statusCode()).isEqualTo(200);
    assertThat(tree.body().split("data-unit=\"", -1)).hasSize(1001);
    assertThat(basic("GET", "/pages/organisation?q=t020v038staff2", "jiwei").body())
        .contains("第20街道第38社区", "干事乙T020V038").doesNotContain("第20街道第37社区");

    // the common lists: the commission submits each imported draft, the committee approves it; then the same
    // workbook once more changes nothing at all
    publishCommonLists();
    JsonNode unchanged = ok(importWorkbook(workbook, false));
    assertThat(unchanged.get("commonLists"))
        .allSatisfy(list -> assertThat(list.get("outcome").asText()).isEqualTo("UNCHANGED"));
    assertThat(counts(unchanged.get("units"))).containsExactly(0, 0, 0, 0);
    assertThat(counts(unchanged.get("people"))).containsExactly(0, 0, 0, 0);
    // then the letter campaign: every unit gets its letter
    assertThat(basic("POST", "/api/letter-campaigns", "quwei", "{\"year\":\"" + YEAR + "\"}").statusCode())
        .isEqualTo(201);
    await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).until(() -> letterUnits().size() == 1000);
    Set<String> allUnits = new HashSet<>();
    district.units().forEach(unit -> allUnits.add(unit.get(0)));
    assertThat(letterUnits()).isEqualTo(allUnits);
    await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).until(() -> secretaryTask("T002V001") != null
        && secretaryTask("T001V001") != null);

    // T001V001's secretary claims the unit's letter; the secretary and a staff member work there through every door
    Task task = secretaryTask("T001V001");
    assertThat(basic("POST", "/engine-rest/task/" + task.getId() + "/claim", "t001v001sec",
        "{\"userId\":\"t001v001sec\"}").statusCode()).isEqualTo(204);
    long letter = letterId("T001V001");
    assertThat(taskIds("t001v001sec")).contains(task.getId());
    assertThat(basic("GET", "/api/letters/" + letter, "t001v001sec").statusCode()).isEqualTo(200);
    assertThat(basic("GET", "/api/units/T001V001/record", "t001v001staff1").statusCode()).isEqualTo(200);
    WebClient.Session secretarySession = WebClient.tasklistLogin(base(), "t001v001sec", own.get("t001v001sec"));
    WebClient.Session staffSession = WebClient.tasklistLogin(base(), "t001v001staff1", own.get("t001v001staff1"));
    assertThat(withSession(secretarySession, "/pages/units/T001V001/record").statusCode()).isEqualTo(200);
    assertThat(withSession(staffSession, "/pages/units/T001V001/record").statusCode()).isEqualTo(200);

    // the next import: t001v001sec becomes T002V001's secretary (whose secretary goes), t001v001staff1 leaves
    District next = district.copy();
    next.people().removeIf(person -> person.get(0).equals("t002v001sec") || person.get(0).equals("t001v001staff1"));
    next.people().stream().filter(person -> person.get(0).equals("t001v001sec"))
        .forEach(person -> person.set(2, "T002V001"));
    JsonNode moved = ok(importWorkbook(OrganisationSpreadsheets.fillTemplate(template, next, commonListRows),
        false));
    assertThat(counts(moved.get("units"))).containsExactly(0, 0, 0, 0);
    assertThat(counts(moved.get("people"))).containsExactly(0, 0, 1, 2);
    assertThat(moved.get("leftPeople").toString()).contains("t002v001sec", "t001v001staff1");

    // engine REST: the old unit's task is gone for the moved secretary, the new unit's is there
    assertThat(taskIds("t001v001sec")).doesNotContain(task.getId()).contains(secretaryTask("T002V001").getId());
    assertThat(basic("GET", "/engine-rest/task/" + task.getId(), "t001v001sec").statusCode()).isIn(403, 404);
    // /api and /pages: the old unit refused, the new one open
    assertThat(basic("GET", "/api/letters/" + letter, "t001v001sec").statusCode()).isEqualTo(403);
    assertThat(basic("GET", "/api/units/T001V001/record", "t001v001sec").statusCode()).isEqualTo(403);
    assertThat(basic("GET", "/api/units/T002V001/record", "t001v001sec").statusCode()).isEqualTo(200);
    assertThat(basic("GET", "/pages/units/T001V001/record", "t001v001sec").statusCode()).isEqualTo(403);
    // the sessions opened before the import are over
    assertThat(withSession(secretarySession, "/pages/units/T001V001/record").statusCode()).isEqualTo(401);
    assertThat(withSession(staffSession, "/pages/units/T001V001/record").statusCode()).isEqualTo(401);
    // the claimed letter task is back with T001V001's secretaries
    Task back = taskService.createTaskQuery().taskId(task.getId()).singleResult();
    assertThat(back.getAssignee()).isNull();
    // who left cannot log in anywhere
    assertThat(basic("GET", "/engine-rest/task", "t001v001staff1").statusCode()).isEqualTo(401);
    assertThat(basic("GET", "/api/me", "t001v001staff1").statusCode()).isEqualTo(401);
    assertThat(basic("GET", "/pages/units/T001V001/record", "t001v001staff1").statusCode()).isEqualTo(401);
    assertThat(WebClient.basic("GET", base().resolve("/api/me"), "t002v001sec", first.get("t002v001sec"), null)
        .statusCode()).isEqualTo(401);
  }

  // ---- helpers

  /**
   * The drafts the import opened, through the common-list process over HTTP: the commission submits each (Tasklist's
   * complete with the form's items), the committee approves it, and the list is published.
   */
  private void publishCommonLists() throws IOException {
    for (int i = 0; i < 5; i++) {
      JsonNode draft = commonListTask("jiwei", Groups.DISCIPLINE_COMMISSION);
      String items = json.readTree(basic("GET", "/engine-rest/task/" + draft.get("id").asText()
          + "/variables/items?deserializeValue=false", "jiwei").body()).get("value").asText();
      HttpResponse<String> submitted = basic("POST", "/engine-rest/task/" + draft.get("id").asText() + "/complete",
          "jiwei", json.writeValueAsString(Map.of("variables", Map.of("items", Map.of("value", items,
              "type", "Json")))));
      assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(204);
      JsonNode review = commonListTask("quwei", Groups.DISTRICT_COMMITTEE);
      HttpResponse<String> approved = basic("POST", "/engine-rest/task/" + review.get("id").asText() + "/complete",
          "quwei", "{\"variables\":{\"decision\":{\"value\":\"APPROVE\"}}}");
      assertThat(approved.statusCode()).as(approved.body()).isEqualTo(204);
    }
    await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> json.readTree(
        basic("GET", "/api/common-lists?year=" + YEAR, "quwei").body()).get("unpublished").isEmpty());
  }

  /** One of the user's common-list tasks, once the job executor has got a process there. */
  private JsonNode commonListTask(String user, String group) throws IOException {
    List<JsonNode> tasks = new ArrayList<>();
    await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
      tasks.clear();
      json.readTree(basic("GET", "/engine-rest/task?processDefinitionKey=" + CommonListProcess.KEY
              + "&candidateGroup=" + group, user).body())
          .forEach(tasks::add);
      return !tasks.isEmpty();
    });
    return tasks.get(0);
  }

  private void setOwnPassword(String login, String firstPassword) {
    String password = "Liangze-" + login + "-2026";
    HttpResponse<String> changed = WebClient.form(base().resolve("/pages/password"),
        Map.of("login", login, "current", firstPassword, "password", password, "confirm", password));
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    own.put(login, password);
  }

  private Map<String, String> firstPasswords(String url) throws IOException {
    ResponseEntity<byte[]> response = http.withBasicAuth(ADMIN, ADMIN_PASSWORD).getForEntity(url, byte[].class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    Map<String, String> passwords = new HashMap<>();
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(response.getBody()))) {
      Sheet sheet = book.getSheet("初始密码");
      for (int r = 1; r <= sheet.getLastRowNum(); r++) {
        Row row = sheet.getRow(r);
        passwords.put(row.getCell(0).getStringCellValue(), row.getCell(3).getStringCellValue());
      }
    }
    return passwords;
  }

  private Set<String> letterUnits() throws IOException {
    Set<String> codes = new HashSet<>();
    json.readTree(basic("GET", "/api/letters?year=" + YEAR, "quwei").body())
        .forEach(letter -> codes.add(letter.get("unitCode").asText()));
    return codes;
  }

  private long letterId(String unit) throws IOException {
    for (JsonNode letter : json.readTree(basic("GET", "/api/letters?year=" + YEAR, "quwei").body())) {
      if (letter.get("unitCode").asText().equals(unit)) {
        return letter.get("id").asLong();
      }
    }
    throw new AssertionError("no letter of " + unit);
  }

  private Task secretaryTask(String unit) {
    return taskService.createTaskQuery().taskCandidateGroup(Groups.of(Role.SECRETARY, unit)).includeAssignedTasks()
        .processDefinitionKey("letterSigning").singleResult();
  }

  private List<String> taskIds(String user) throws IOException {
    List<String> ids = new ArrayList<>();
    json.readTree(basic("GET", "/engine-rest/task", user).body()).forEach(task -> ids.add(task.get("id").asText()));
    return ids;
  }

  private JsonNode ok(ResponseEntity<String> response) throws IOException {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    return json.readTree(response.getBody());
  }

  private ResponseEntity<String> importWorkbook(byte[] content, boolean dryRun) {
    MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
    body.add("file", WebClient.namedFile(content, "组织机构.xlsx"));
    return OrganisationSpreadsheets.postImport(http.withBasicAuth(ADMIN, ADMIN_PASSWORD), body, dryRun);
  }

  private ResponseEntity<String> importCsv(byte[] unitCsv, byte[] peopleCsv, boolean dryRun) {
    MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
    body.add("units", WebClient.namedFile(unitCsv, "单位.csv"));
    body.add("people", WebClient.namedFile(peopleCsv, "人员.csv"));
    return OrganisationSpreadsheets.postImport(http.withBasicAuth(ADMIN, ADMIN_PASSWORD), body, dryRun);
  }

  private static List<Integer> counts(JsonNode counts) {
    List<Integer> values = new ArrayList<>();
    counts.forEach(value -> values.add(value.asInt()));
    return values;
  }

  private URI base() {
    return URI.create("http://localhost:" + port);
  }

  private HttpResponse<String> basic(String method, String path, String user) {
    return basic(method, path, user, null);
  }

  private HttpResponse<String> basic(String method, String path, String user, String body) {
    return WebClient.basic(method, base().resolve(path), user, own.get(user), body);
  }

  private HttpResponse<String> withSession(WebClient.Session session, String path) {
    return WebClient.withSession("GET", base().resolve(path), session, null);
  }
}
