package org.liangze.talk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.Groups;
import org.liangze.organisation.IdentitySync;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.liangze.talk.TalkProcess.Element;
import org.liangze.talk.TalkProcess.Variables;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Talks on a real PostgreSQL, over HTTP as the commission's tools and a unit's browser reach them: who may start and
 * read what, and a talk held with commitments read back with their due dates.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
// close the application while its PostgreSQL is still up, not in the JVM's shutdown race
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TalkApiPostgresTest {

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
  @Autowired IdentityService identity;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void district() throws IOException {
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
  }

  @Test
  void theCommissionStartsTalksAndTheUnitAndSupervisorsReadThem() throws IOException {
    ResponseEntity<String> started = as("jiwei").postForEntity("/api/talks",
        Map.of("unitCode", "T01", "kind", "INTEGRITY_TALK", "subjectUserId", "t01staff", "cause", "新任职廉政谈话"),
        String.class);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    long id = json.readTree(started.getBody()).get("talkId").asLong();
    assertThat(started.getHeaders().getLocation()).hasPath("/api/talks/" + id);

    assertThat(as("t01sec").postForEntity("/api/talks", Map.of("unitCode", "T01", "kind", "INTEGRITY_TALK",
        "cause", "自己约谈自己"), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> bad = as("jiwei").postForEntity("/api/talks", Map.of("unitCode", "T01", "kind", "CHAT",
        "cause", "闲聊"), String.class);
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getBody()).contains("谈话类型");

    JsonNode own = json.readTree(as("t01sec").getForObject("/api/units/T01/talks", String.class));
    assertThat(own).hasSize(1);
    assertThat(own.get(0).get("kindLabel").asText()).isEqualTo("廉政谈话");
    assertThat(own.get(0).get("status").asText()).isEqualTo("SCHEDULING");
    assertThat(as("jiwei2").getForEntity("/api/talks/" + id, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(as("d02sec").getForEntity("/api/units/T01/talks", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as("d02sec").getForEntity("/api/talks/" + id, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.getForEntity("/api/units/T01/talks", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);

    // scheduled, notified and held with commitments: stored and read back on PostgreSQL
    String instance = json.readTree(started.getBody()).get("processInstanceId").asText();
    complete("jiwei", instance, Element.ArrangeTalk, Map.of(Variables.TALK_TIME, LocalDate.now().plusDays(1)
        + "T09:30", Variables.PLACE, "谈话室", Variables.PARTICIPANTS, "李明、王强"));
    for (Job job : management.createJobQuery().messages().processInstanceId(instance).list()) {
      management.executeJob(job.getId());
    }
    LocalDate due = LocalDate.now().plusDays(30);
    complete("jiwei", instance, Element.HoldTalk, Map.of(Variables.MINUTES, "谈话记录", Variables.COMMITMENTS,
        SpinValues.jsonValue("[{\"content\":\"完善制度\",\"dueDate\":\"" + due + "\"}]").create()));
    JsonNode held = json.readTree(as("t01sec").getForObject("/api/talks/" + id, String.class));
    assertThat(held.get("status").asText()).isEqualTo("FOLLOWING_UP");
    assertThat(held.get("talkAt").asText()).isNotBlank();
    assertThat(held.get("recordSeq").asLong()).isPositive();
    assertThat(held.get("commitments").get(0).get("dueDate").asText()).isEqualTo(due.toString());
    assertThat(tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(
        Element.FulfilCommitment.name()).singleResult().getDueDate()).isNotNull();
  }

  private void complete(String userId, String instance, Element element, Map<String, Object> variables) {
    Task task = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(element.name()).singleResult();
    identity.setAuthentication(userId, List.of(Groups.DISCIPLINE_COMMISSION));
    try {
      tasks.complete(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, PASSWORD);
  }
}
