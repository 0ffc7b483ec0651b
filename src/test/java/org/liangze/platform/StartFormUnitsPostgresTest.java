package org.liangze.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.Groups;
import org.liangze.organisation.IdentitySync;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The start forms that name a unit (发起谈话, 登记问责线索, 启动年度个性清单制定) offer the units by name, computed
 * for whoever asks, on a real PostgreSQL over HTTP: as start form variables ({@code form-variables}) and written into
 * the deployed start form Tasklist renders; a retired or unknown unit is neither offered nor started.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
// close the application while its PostgreSQL is still up, not in the JVM's shutdown race
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class StartFormUnitsPostgresTest {

  static final String PASSWORD = "demo-test-pw";

  /** The demo district's active units in tree order (roots by code, each followed by its subunits). */
  static final List<List<String>> DISTRICT = List.of(
      List.of("区疾病预防控制中心", "A01"),
      List.of("区教育和体育局", "D01"),
      List.of("区教育和体育局基础教育科", "D01S01"),
      List.of("区教育和体育局教师工作科", "D01S02"),
      List.of("区住房和城乡建设局", "D02"),
      List.of("洪家楼街道", "T01"),
      List.of("洪家楼街道财政所", "T01S01"),
      List.of("洪家楼街道花园社区", "T01V01"),
      List.of("洪家楼街道洪楼社区", "T01V02"),
      List.of("西营镇", "T02"),
      List.of("西营镇南营村", "T02V01"));

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @Autowired TestRestTemplate http;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired UnitRepository units;
  @Autowired FormService formService;
  @Autowired RepositoryService repository;
  @Autowired IdentityService identity;
  @Autowired JdbcClient jdbc;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void district() throws IOException {
    if (district.seedIfEmpty(2026)) {
      // a unit merged away: kept for history, never offered
      units.insert(new Unit("R01", "已撤并的东关社区", UnitType.VILLAGE_OR_COMMUNITY, "T01", false));
      identitySync.sync();
    }
  }

  @Test
  void theStartFormsOfferTheActiveUnitsByNameInTreeOrder() throws IOException {
    for (String process : List.of("talk", "accountability")) {
      assertThat(options(formVariables("jiwei", process))).as(process).isEqualTo(DISTRICT);
      JsonNode field = unitField(deployedStartForm("jiwei", process));
      assertThat(field.path("type").asText()).isEqualTo("select");
      assertThat(field.path("label").asText()).isEqualTo("单位");
      assertThat(field.path("searchable").asBoolean()).isTrue();
      assertThat(field.has("valuesKey")).as("written into the form").isFalse();
      assertThat(options(field.get("values"))).as(process).isEqualTo(DISTRICT);
    }
    // the engine's own API gives the same start form variables
    identity.setAuthentication("jiwei", List.of(Groups.DISCIPLINE_COMMISSION));
    try {
      VariableMap variables = formService.getStartFormVariables(repository.createProcessDefinitionQuery()
          .processDefinitionKey("talk").latestVersion().singleResult().getId());
      assertThat(options(json.readTree(variables.getValueTyped("unitOptions").getValue().toString())))
          .isEqualTo(DISTRICT);
    } finally {
      identity.clearAuthentication();
    }
  }

  @Test
  void aSecretaryIsOfferedOnlyTheUnitsTheyMayStartTheListFormulationFor() throws IOException {
    assertThat(options(formVariables("jiwei", "listFormulation"))).isEqualTo(DISTRICT);
    assertThat(options(formVariables("d01sec", "listFormulation"))).containsExactly(List.of("区教育和体育局", "D01"));
    assertThat(options(unitField(deployedStartForm("d01sec", "listFormulation")).get("values")))
        .containsExactly(List.of("区教育和体育局", "D01"));
  }

  @Test
  void aRetiredOrUnknownUnitStartsNothingAndIsNamedInChinese() throws IOException {
    long talks = jdbc.sql("select count(*) from talks").query(Long.class).single();
    long cases = jdbc.sql("select count(*) from accountability_cases").query(Long.class).single();
    ResponseEntity<String> retired = submit("talk", Map.of("unitCode", value("R01"), "kind",
        value("INTEGRITY_TALK"), "cause", value("事由")));
    assertThat(retired.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(retired.getBody()).contains("已撤并的东关社区已撤销，不能发起谈话");
    ResponseEntity<String> unknown = submit("accountability", Map.of("unitCode", value("X99"), "source",
        value("COMPLAINT"), "cause", value("群众反映问题")));
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unknown.getBody()).contains("没有这个单位，请从列表中选择单位");
    assertThat(jdbc.sql("select count(*) from talks").query(Long.class).single()).isEqualTo(talks);
    assertThat(jdbc.sql("select count(*) from accountability_cases").query(Long.class).single()).isEqualTo(cases);
  }

  private JsonNode formVariables(String user, String process) throws IOException {
    ResponseEntity<String> response = http.withBasicAuth(user, PASSWORD).getForEntity(
        "/engine-rest/process-definition/key/" + process + "/form-variables", String.class);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode variable = json.readTree(response.getBody()).get("unitOptions");
    assertThat(variable.get("type").asText()).isEqualTo("Json");
    return json.readTree(variable.get("value").asText());
  }

  private JsonNode deployedStartForm(String user, String process) throws IOException {
    String id = repository.createProcessDefinitionQuery().processDefinitionKey(process).latestVersion()
        .singleResult().getId();
    ResponseEntity<String> response = http.withBasicAuth(user, PASSWORD).getForEntity(
        "/engine-rest/process-definition/" + id + "/deployed-start-form", String.class);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    return json.readTree(response.getBody());
  }

  private static JsonNode unitField(JsonNode form) {
    for (JsonNode component : form.get("components")) {
      if ("unitCode".equals(component.path("key").asText())) {
        return component;
      }
    }
    throw new AssertionError("no unitCode field in " + form);
  }

  private static List<List<String>> options(JsonNode options) {
    List<List<String>> pairs = new ArrayList<>();
    options.forEach(option -> pairs.add(List.of(option.get("label").asText(), option.get("value").asText())));
    return pairs;
  }

  private ResponseEntity<String> submit(String process, Map<String, Object> variables) throws IOException {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth("jiwei", PASSWORD).exchange(
        "/engine-rest/process-definition/key/" + process + "/submit-form", HttpMethod.POST,
        new HttpEntity<>(json.writeValueAsString(Map.of("variables", variables)), headers), String.class);
  }

  private static Map<String, Object> value(Object value) {
    return Map.of("value", value);
  }
}
