package org.liangze.lists;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
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
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every post has its work, on a real PostgreSQL over HTTP as Tasklist drives it (jobs run by the test): a town's
 * staff drafts its list picking each item's 责任人 and 责任领导 from the lists the form offers, refused in Chinese
 * when they are not the unit's; the 纪检委员 takes the supervisory items; once published, the team member sees the
 * items of their area and the staff member theirs, and nobody else's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ListResponsiblesPostgresTest {

  static final String PASSWORD = "demo-test-pw";

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @Autowired TestRestTemplate http;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired ManagementService management;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void district() throws IOException {
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
  }

  @Test
  void aTownsItemsGetTheirResponsiblesFromListsAndEachPostSeesItsOwn() throws Exception {
    district.publishLists(2027);
    assertThat(post("jiwei", "/api/list-formulations", Map.of("unitCode", "T02", "year", "2027")).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    JsonNode draft = singleTask("t02staff");
    String taskId = draft.get("id").asText();

    // the two lists the form's selects show: names and posts, never a login to type
    JsonNode people = jsonVariable("t02staff", taskId, "unitPeople");
    assertThat(labels(people)).containsExactly("罗秀英（党组织书记）", "郑浩（纪检委员、班子成员）", "林峰（工作人员）");
    assertThat(labels(jsonVariable("t02staff", taskId, "unitLeaders")))
        .containsExactly("罗秀英（党组织书记）", "郑浩（纪检委员、班子成员）");

    // pre-filled with last year's items: the supervisory ones are the 纪检委员's
    ArrayNode items = (ArrayNode) jsonVariable("t02staff", taskId, "items");
    for (JsonNode item : items) {
      if (item.get("responsibility").asText().equals("SUPERVISORY")) {
        assertThat(item.get("responsiblePerson").asText()).isEqualTo("t02insp");
      }
      // this year's own measures, so the draft is not last year's relabelled
      ((ObjectNode) item).put("measures", item.get("measures").asText() + "本年度由分管领导每季度督导一次。");
    }

    // a 责任人 from another unit, a staff member as 责任领导, a main item without 责任人: 400, nothing changes
    ObjectNode first = (ObjectNode) items.get(0);
    assertThat(first.get("responsibility").asText()).isEqualTo("MAIN");
    first.put("responsiblePerson", "t01staff");
    assertRefused(taskId, items, "第1项：责任人须为本单位人员，请从列表中选择");
    first.put("responsiblePerson", "t02staff").put("responsibleLeader", "t02staff");
    assertRefused(taskId, items, "第1项：责任领导须为本单位党组织书记或班子成员，请从列表中选择");
    first.remove("responsiblePerson");
    first.put("responsibleLeader", "t02insp");
    assertRefused(taskId, items, "第1项：请选择责任人");
    assertThat(tasks("t02staff")).hasSize(1);

    // as the form submits it: the team member 郑浩 leads the main items, the staff member carries them out
    for (JsonNode item : items) {
      if (item.get("responsibility").asText().equals("MAIN")) {
        ((ObjectNode) item).put("responsiblePerson", "t02staff").put("responsibleLeader", "t02insp");
      }
    }
    assertThat(complete("t02staff", taskId, Map.of("items", Map.of("value", items.toString(), "type", "Json")))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    runJobs();
    JsonNode review = singleTask("jiwei");
    // the reviewer reads who is responsible for each item, by name
    JsonNode summary = json.readTree(as("jiwei").getForObject("/engine-rest/task/" + review.get("id").asText()
        + "/variables/draftSummary", String.class));
    assertThat(summary.get("value").asText()).contains("（责任人：林峰；责任领导：郑浩）")
        .contains("（责任人：郑浩；责任领导：罗秀英）").doesNotContain("t02");
    assertThat(complete("jiwei", review.get("id").asText(), Map.of("decision", Map.of("value", "APPROVE")))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    runJobs();

    // the team member's area (分管领域): the main items he leads, and as 纪检委员 the supervisory items
    JsonNode member = tailored(get("t02insp", "/api/my-list-items?year=2027"));
    assertThat(member).hasSize(items.size());
    for (JsonNode mine : member) {
      assertThat(mine.get("unitCode").asText()).isEqualTo("T02");
      boolean supervisory = mine.at("/item/responsibility").asText().equals("SUPERVISORY");
      assertThat(mine.get("responsibleLeader").asBoolean()).isEqualTo(!supervisory);
      assertThat(mine.get("responsiblePerson").asBoolean()).isEqualTo(supervisory);
    }
    // the staff member: the main items; the secretary leads the supervisory ones
    JsonNode staff = tailored(get("t02staff", "/api/my-list-items?year=2027"));
    assertThat(staff).isNotEmpty().allSatisfy(mine -> {
      assertThat(mine.at("/item/responsibility").asText()).isEqualTo("MAIN");
      assertThat(mine.at("/item/responsibleLeaderName").asText()).isEqualTo("郑浩");
    });
    assertThat(tailored(get("t02sec", "/api/my-list-items?year=2027"))).hasSize(items.size() - staff.size());
    // and the common list's items, with the town's own responsibles: by default the 纪检委员 carries the supervisory
    // ones, the secretary the main ones and leads them all
    JsonNode commonOfInspector = get("t02insp", "/api/my-list-items?year=2027");
    assertThat(commonOfInspector).filteredOn(mine -> mine.get("origin").asText().equals("COMMON")).isNotEmpty()
        .allSatisfy(mine -> {
          assertThat(mine.at("/item/responsibility").asText()).isEqualTo("SUPERVISORY");
          assertThat(mine.get("responsiblePerson").asBoolean()).isTrue();
          assertThat(mine.at("/item/responsibleLeaderName").asText()).isEqualTo("罗秀英");
        });
    assertThat(get("t02staff", "/api/my-list-items?year=2027"))
        .noneMatch(mine -> mine.get("origin").asText().equals("COMMON"));
    // another town's people have none of these
    assertThat(get("t01sec", "/api/my-list-items?year=2027")).allSatisfy(
        mine -> assertThat(mine.get("unitCode").asText()).isNotEqualTo("T02"));
    assertThat(as("t02staff").getForEntity("/api/my-list-items?year=20x7", String.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);

    // the unit's effective list names them
    JsonNode effective = get("t02sec", "/api/units/T02/effective-list?year=2027");
    List<String> tailoredPeople = new ArrayList<>();
    effective.get("items").forEach(item -> {
      if (item.get("origin").asText().equals("TAILORED")) {
        tailoredPeople.add(item.at("/item/responsiblePersonName").asText());
      }
    });
    assertThat(tailoredPeople).isNotEmpty().containsOnly("林峰", "郑浩");
    List<String> commonPeople = new ArrayList<>();
    effective.get("items").forEach(item -> {
      if (item.get("origin").asText().equals("COMMON")) {
        commonPeople.add(item.at("/item/responsiblePersonName").asText());
      }
    });
    assertThat(commonPeople).isNotEmpty().containsOnly("罗秀英", "郑浩");
  }

  private void assertRefused(String taskId, ArrayNode items, String message) throws IOException {
    ResponseEntity<String> refused = complete("t02staff", taskId,
        Map.of("items", Map.of("value", items.toString(), "type", "Json")));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody()).contains(message);
  }

  private static List<String> labels(JsonNode options) {
    List<String> labels = new ArrayList<>();
    options.forEach(option -> labels.add(option.get("label").asText()));
    return labels;
  }

  private JsonNode jsonVariable(String user, String taskId, String name) throws IOException {
    JsonNode variable = json.readTree(as(user).getForObject(
        "/engine-rest/task/" + taskId + "/variables/" + name + "?deserializeValue=false", String.class));
    assertThat(variable.get("type").asText()).isEqualTo("Json");
    return json.readTree(variable.get("value").asText());
  }

  private void runJobs() {
    for (int round = 0; round < 10; round++) {
      List<Job> jobs = management.createJobQuery().executable().list().stream()
          .filter(job -> ListFormulationProcess.KEY.equals(job.getProcessDefinitionKey())).toList();
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(job -> management.executeJob(job.getId()));
    }
  }

  /** The items of tailored lists only. */
  private JsonNode tailored(JsonNode mine) {
    ArrayNode tailored = json.createArrayNode();
    mine.forEach(item -> {
      if (item.get("origin").asText().equals("TAILORED")) {
        tailored.add(item);
      }
    });
    return tailored;
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, PASSWORD);
  }

  private JsonNode get(String user, String path) throws IOException {
    ResponseEntity<String> response = as(user).getForEntity(path, String.class);
    assertThat(response.getStatusCode()).as(path + " as " + user).isEqualTo(HttpStatus.OK);
    return json.readTree(response.getBody());
  }

  private ResponseEntity<String> post(String user, String path, Object body) throws IOException {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return as(user).exchange(path, HttpMethod.POST, new HttpEntity<>(json.writeValueAsString(body), headers),
        String.class);
  }

  private ResponseEntity<String> complete(String user, String taskId, Map<String, Object> variables)
      throws IOException {
    return post(user, "/engine-rest/task/" + taskId + "/complete", Map.of("variables", variables));
  }

  private List<JsonNode> tasks(String user) throws IOException {
    List<JsonNode> tasks = new ArrayList<>();
    json.readTree(as(user).getForObject("/engine-rest/task?processDefinitionKey=" + ListFormulationProcess.KEY,
        String.class)).forEach(tasks::add);
    return tasks;
  }

  private JsonNode singleTask(String user) throws IOException {
    List<JsonNode> tasks = tasks(user);
    assertThat(tasks).as("tasks of " + user).hasSize(1);
    return tasks.get(0);
  }
}
