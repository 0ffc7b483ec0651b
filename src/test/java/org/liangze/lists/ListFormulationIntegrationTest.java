package org.liangze.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.IdentitySync;
import org.liangze.organisation.UnitType;
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
 * List formulation on a real PostgreSQL with the job executor running, over HTTP the way the commission's tools,
 * Tasklist (through the engine REST API) and a unit's browser drive it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.job-execution.enabled=true")
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ListFormulationIntegrationTest {

  static final String PASSWORD = "demo-test-pw";

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @Autowired TestRestTemplate http;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired ListService lists;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void district() throws IOException {
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
  }

  @Test
  void theCommissionStartsAUnitsFormulationWhichOnlyThatUnitDraftsAndTheCommissionApproves() throws Exception {
    district.publishLists(2027);
    lists.publishCommon(UnitType.DISTRICT_DEPARTMENT, 2028,
        lists.commonList(UnitType.DISTRICT_DEPARTMENT, 2027).orElseThrow().items());
    assertThat(post("d02sec", "/api/list-formulations", Map.of("unitCode", "D01", "year", "2028")).getStatusCode())
        .as("another unit's secretary").isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(post("jiwei", "/api/list-formulations", Map.of("unitCode", "D01", "year", "28")).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(post("jiwei", "/api/list-formulations", Map.of("unitCode", "D01", "year", "2028")).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    assertThat(post("d01sec", "/api/list-formulations", Map.of("unitCode", "D01", "year", "2028")).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);

    // the unit's staff sees its draft task, another unit's staff does not
    JsonNode draft = singleTask("d01staff");
    assertThat(draft.get("name").asText()).isEqualTo("编制个性清单（区教育和体育局）");
    assertThat(tasks("d02staff")).isEmpty();
    String taskId = draft.get("id").asText();
    JsonNode prefilled = json.readTree(as("d01staff")
        .getForObject("/engine-rest/task/" + taskId + "/variables/items?deserializeValue=false", String.class));
    assertThat(prefilled.get("type").asText()).isEqualTo("Json");
    JsonNode items = json.readTree(prefilled.get("value").asText());
    assertThat(items).hasSize(5);

    // a bad draft: 400 with the item named, nothing changes
    ResponseEntity<String> bad = complete("d01staff", taskId, Map.of("items",
        Map.of("value", "[{\"responsibility\":\"MAIN\",\"category\":\"招生\",\"content\":\"\"}]", "type", "Json")));
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getBody()).contains("第1项");
    assertThat(tasks("d01staff")).hasSize(1);
    // another unit cannot complete it
    assertThat(complete("d02staff", taskId, Map.of("items", Map.of("value", items.toString(), "type", "Json")))
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    // submitted as the dynamic list submits it: last year's items unchanged, so relabelling is flagged
    assertThat(complete("d01staff", taskId, Map.of("items", Map.of("value", items.toString(), "type", "Json")))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    await().atMost(Duration.ofSeconds(60)).until(() -> tasks("jiwei").size() == 1);
    JsonNode review = singleTask("jiwei");
    JsonNode report = json.readTree(as("jiwei")
        .getForObject("/engine-rest/task/" + review.get("id").asText() + "/variables/qualityReport", String.class));
    assertThat(report.get("value").asText()).contains("新瓶装旧酒");
    assertThat(complete("jiwei", review.get("id").asText(), Map.of("decision", Map.of("value", "APPROVE")))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    await().atMost(Duration.ofSeconds(60)).until(() ->
        json.readTree(as("d01staff").getForObject("/api/units/D01/effective-list?year=2028", String.class))
            .get("tailoredListId") != null);
    JsonNode effective = json.readTree(as("d01staff").getForObject("/api/units/D01/effective-list?year=2028",
        String.class));
    List<String> origins = new ArrayList<>();
    effective.get("items").forEach(item -> origins.add(item.get("origin").asText()));
    assertThat(origins).startsWith("COMMON").endsWith("TAILORED").contains("TAILORED");
    assertThat(as("d02staff").getForEntity("/api/units/D01/effective-list?year=2028", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    long listId = effective.get("tailoredListId").asLong();
    JsonNode published = json.readTree(as("d01staff").getForObject("/api/lists/" + listId, String.class));
    assertThat(published.get("status").asText()).isEqualTo("PUBLISHED");
    assertThat(published.get("changeSummary").asText()).isEqualTo("与2027年第1版相比：新增0项，删除0项，修改0项，未变5项");
    assertThat(published.get("qualityFlags").get(0).get("kind").asText()).isEqualTo("RELABELLING");
    assertThat(as("d02staff").getForEntity("/api/lists/" + listId, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, PASSWORD);
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
