package org.liangze.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.IdentitySync;
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
 * The common lists on a real PostgreSQL with the job executor running, over HTTP as the commission, the district
 * committee (through the engine REST API, as Tasklist does) and unit staff drive them: lists per unit type drafted
 * and approved through the process, the letter campaign refused while a type in use lacks its list and then giving
 * every unit the list of its type, next year's draft starting from this year's with the difference shown.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.job-execution.enabled=true")
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CommonListsPostgresTest {

  static final String PASSWORD = "demo-test-pw";
  static final String TOWN = "SUBDISTRICT_OR_TOWN";
  static final String VILLAGE = "VILLAGE_OR_COMMUNITY";

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @Autowired TestRestTemplate http;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired JdbcClient jdbc;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void district() throws IOException {
    // the demo district with its lists of 2025: the common list of every type in use is last year's
    if (district.seedIfEmpty(2025)) {
      identitySync.sync();
    }
  }

  @Test
  void theCommissionPublishesEachTypesListTheCampaignWaitsForAllAndEveryLetterCarriesItsTypesList()
      throws Exception {
    JsonNode before = get("t01v01staff", "/api/common-lists?year=2026");
    assertThat(before.get("unpublished")).hasSize(5);

    assertThat(post("quwei", "/api/common-lists", Map.of("unitType", TOWN, "year", "2026")).getStatusCode())
        .as("the committee reviews, it does not draft").isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(post("t01sec", "/api/common-lists", Map.of("unitType", TOWN, "year", "2026")).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> badType = post("jiwei", "/api/common-lists", Map.of("unitType", "TOWN", "year", "2026"));
    assertThat(badType.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(badType.getBody()).contains("单位类型不正确");

    // two types drafted through the process: towns get a village-funds item, villages a shorter list of their own
    long townList = draftAndPublish(TOWN, "2026", items -> items.add(item("村级三资", "督促所辖村居规范三资管理。")));
    long villageList = draftAndPublish(VILLAGE, "2026", items -> {
      items.subList(12, items.size()).clear();
      items.add(item("村务公开", "村务、财务每季度公开，接受村民监督。"));
    });

    // the campaign refuses while a type in use has no list, naming the types
    ResponseEntity<String> refused = post("quwei", "/api/letter-campaigns", Map.of("year", "2026"));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody()).contains("2026年度以下单位类型的共性清单尚未发布，无法下发目标责任书：区直部门、区属部门、科室站所");
    assertThat(jdbc.sql("select count(*) from letters where letter_year = 2026").query(Long.class).single())
        .isZero();

    long departmentList = draftAndPublish("DISTRICT_DEPARTMENT", "2026", items -> { });
    long affiliatedList = draftAndPublish("AFFILIATED_UNIT", "2026", items -> { });
    long sectionList = draftAndPublish("SECTION_OR_STATION", "2026", items -> items.remove(0));

    JsonNode published = get("t02v01staff", "/api/common-lists?year=2026");
    assertThat(published.get("unpublished")).isEmpty();
    Map<String, Long> byType = new HashMap<>();
    published.get("lists").forEach(list -> byType.put(list.get("unitType").asText(), list.get("listId").asLong()));
    assertThat(byType).containsEntry(TOWN, townList).containsEntry(VILLAGE, villageList)
        .containsEntry("DISTRICT_DEPARTMENT", departmentList).containsEntry("AFFILIATED_UNIT", affiliatedList)
        .containsEntry("SECTION_OR_STATION", sectionList);
    JsonNode villages = published.get("lists").get(4);
    assertThat(villages.get("unitTypeLabel").asText()).isEqualTo("村居");
    assertThat(villages.get("items")).hasSize(13);
    assertThat(villages.get("changeSummary").asText()).isEqualTo("与2025年第1版相比：新增1项，删除4项，修改0项，未变12项");

    assertThat(post("quwei", "/api/letter-campaigns", Map.of("year", "2026")).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    await().atMost(Duration.ofSeconds(60)).until(() ->
        jdbc.sql("select count(*) from letters where letter_year = 2026").query(Long.class).single() == 11);
    Map<String, Long> expected = new HashMap<>(Map.of("D01", departmentList, "D02", departmentList,
        "D01S01", sectionList, "D01S02", sectionList, "T01", townList, "T02", townList, "T01S01", sectionList,
        "T01V01", villageList, "T01V02", villageList, "T02V01", villageList));
    expected.put("A01", affiliatedList);
    Map<String, Long> issued = new HashMap<>();
    jdbc.sql("select unit_code, common_list_id from letters where letter_year = 2026")
        .query((rs, row) -> issued.put(rs.getString(1), rs.getLong(2))).list();
    assertThat(issued).isEqualTo(expected);
    assertThat(letterDocument("t02sec", "T02")).contains("街镇共性清单", "村级三资").doesNotContain("村务公开");
    assertThat(letterDocument("t02v01sec", "T02V01")).contains("村居共性清单", "村务公开").doesNotContain("村级三资");

    // next year's town draft starts from this year's list, and the committee sees what changed
    assertThat(post("jiwei", "/api/common-lists", Map.of("unitType", TOWN, "year", "2027")).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    assertThat(post("jiwei", "/api/common-lists", Map.of("unitType", "街镇", "year", "2027")).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
    JsonNode draft = singleTask("jiwei");
    assertThat(draft.get("name").asText()).isEqualTo("编制共性清单（街镇·2027年度）");
    assertThat(variable("jiwei", draft, "draftBasis").asText()).contains("2026年第1版街镇共性清单");
    ArrayNode items = (ArrayNode) json.readTree(variable("jiwei", draft, "items").asText());
    assertThat(items).hasSize(17);
    assertThat(items.get(16).get("category").asText()).isEqualTo("村级三资");
    ((ObjectNode) items.get(16)).put("content", "督促所辖村居规范三资管理，大额支出逐笔公示。");
    long draftId = variable("jiwei", draft, "listId").asLong();
    assertThat(complete("jiwei", draft, Map.of("items", Map.of("value", items.toString(), "type", "Json")))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    JsonNode review = singleTask("quwei");
    assertThat(variable("quwei", review, "changes").asText())
        .startsWith("与2026年第1版相比：新增0项，删除0项，修改1项，未变16项")
        .contains("原：督促所辖村居规范三资管理。", "现：督促所辖村居规范三资管理，大额支出逐笔公示。");
    JsonNode view = get("quwei", "/api/lists/" + draftId);
    assertThat(view.get("status").asText()).isEqualTo("SUBMITTED");
    assertThat(view.get("kindLabel").asText()).isEqualTo("街镇共性清单");
    assertThat(view.get("changes").get("changed")).hasSize(1);
    assertThat(as("t01staff").getForEntity("/api/lists/" + draftId, String.class).getStatusCode())
        .as("a draft is the district's").isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(get("t01staff", "/api/common-lists?year=2027").get("unpublished")).hasSize(5);
  }

  // --- helpers

  /** The commission drafts the type's list from the pre-filled items as changed, the committee approves it. */
  private long draftAndPublish(String type, String year, Consumer<List<JsonNode>> change)
      throws Exception {
    assertThat(post("jiwei", "/api/common-lists", Map.of("unitType", type, "year", year)).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    JsonNode draft = singleTask("jiwei");
    List<JsonNode> items = new ArrayList<>();
    json.readTree(variable("jiwei", draft, "items").asText()).forEach(items::add);
    assertThat(items).as("pre-filled from 2025").hasSize(16);
    change.accept(items);
    assertThat(complete("jiwei", draft, Map.of("items", Map.of("value", json.writeValueAsString(items),
        "type", "Json"))).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    JsonNode review = singleTask("quwei");
    long listId = variable("quwei", review, "listId").asLong();
    assertThat(complete("quwei", review, Map.of("decision", Map.of("value", "APPROVE"))).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    await().atMost(Duration.ofSeconds(60)).until(() ->
        get("jiwei", "/api/lists/" + listId).get("status").asText().equals("PUBLISHED"));
    return listId;
  }

  private JsonNode item(String category, String content) {
    ObjectNode item = json.createObjectNode();
    item.put("responsibility", "SUPERVISORY");
    item.put("category", category);
    item.put("content", content);
    item.put("measures", "街镇纪（工）委每季度抽查，发现问题督促整改销号。");
    item.put("riskPoint", "优亲厚友、虚报冒领");
    item.put("frequency", "每季度");
    return item;
  }

  private String letterDocument(String user, String unitCode) throws IOException {
    for (JsonNode letter : get(user, "/api/letters?year=2026")) {
      if (letter.get("unitCode").asText().equals(unitCode)) {
        return as(user).getForObject(letter.get("documentUrl").asText(), String.class);
      }
    }
    throw new AssertionError("no letter of " + unitCode);
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, PASSWORD);
  }

  private JsonNode get(String user, String path) throws IOException {
    ResponseEntity<String> response = as(user).getForEntity(path, String.class);
    assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
    return json.readTree(response.getBody());
  }

  private ResponseEntity<String> post(String user, String path, Object body) throws IOException {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return as(user).exchange(path, HttpMethod.POST, new HttpEntity<>(json.writeValueAsString(body), headers),
        String.class);
  }

  private ResponseEntity<String> complete(String user, JsonNode task, Map<String, Object> variables)
      throws IOException {
    return post(user, "/engine-rest/task/" + task.get("id").asText() + "/complete", Map.of("variables", variables));
  }

  private JsonNode variable(String user, JsonNode task, String name) throws IOException {
    return get(user, "/engine-rest/task/" + task.get("id").asText() + "/variables/" + name
        + "?deserializeValue=false").get("value");
  }

  /** The user's one common-list task, once the job executor has got the process there. */
  private JsonNode singleTask(String user) throws IOException {
    List<JsonNode> tasks = new ArrayList<>();
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      tasks.clear();
      get(user, "/engine-rest/task?processDefinitionKey=" + CommonListProcess.KEY).forEach(tasks::add);
      return !tasks.isEmpty();
    });
    assertThat(tasks).as("tasks of " + user).hasSize(1);
    return tasks.get(0);
  }
}
