package org.liangze.letter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.IdentitySync;
import org.liangze.record.RecordEntry;
import org.liangze.record.RecordManual;
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
 * Letters level by level (逐级签订) on a real PostgreSQL, over HTTP as Tasklist drives it, on a fixed engine clock
 * with the jobs run by the test: a community's letter is issued by its subdistrict, signed by the community's
 * secretary and countersigned by the subdistrict's; the subdistrict's own letter is countersigned by the district
 * committee. Both letters show both signatures, and the community's record manual records both.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LetterLevelByLevelPostgresTest {

  static final String PASSWORD = "demo-test-pw";
  static final int YEAR = 2027;
  static final Instant T0 = Instant.parse("2027-01-04T01:00:00Z");

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @Autowired TestRestTemplate http;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired ManagementService management;
  @Autowired RecordManual manual;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void district() throws IOException {
    ClockUtil.setCurrentTime(Date.from(T0));
    if (district.seedIfEmpty(YEAR)) {
      identitySync.sync();
    }
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aCommunitysLetterIsCountersignedByItsSubdistrictAndTheSubdistrictsByTheDistrictCommittee() throws Exception {
    assertThat(post("quwei", "/api/letter-campaigns", Map.of("year", String.valueOf(YEAR))).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    runJobs(); // the letters are issued

    // the community's secretary signs; nobody countersigns before that
    assertThat(tasks("t01sec", "CountersignLetter")).isEmpty();
    assertThat(complete("t01v01sec", singleTask("t01v01sec", "SignLetter"),
        Map.of("decision", "SIGN", "signature", "何刚")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    // the subdistrict that issued it countersigns, on its Tasklist; it is not offered to the district committee
    JsonNode countersign = singleTask("t01sec", "CountersignLetter");
    assertThat(countersign.get("name").asText()).isEqualTo("会签目标责任书（洪家楼街道花园社区）");
    List<String> candidates = new ArrayList<>();
    json.readTree(as("t01sec").getForObject("/engine-rest/task/" + countersign.get("id").asText()
        + "/identity-links?type=candidate", String.class)).forEach(link -> candidates.add(link.get("groupId").asText()));
    assertThat(candidates).containsExactly("unitT01secretary");
    assertThat(countersign.get("due").asText()).startsWith("2027-01-11"); // P7D
    // the subdistrict reads the letter it countersigns; a sibling town does not
    long communityLetter = letterId("quwei", "T01V01");
    assertThat(as("t01sec").getForEntity("/api/letters/" + communityLetter + "/document", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(as("t02sec").getForEntity("/api/letters/" + communityLetter + "/document", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    // another town's secretary cannot countersign it; an empty countersignature is refused in Chinese
    assertThat(complete("t02sec", countersign, Map.of("countersignature", "罗秀英")).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> empty = complete("t01sec", countersign, Map.of("countersignature", " "));
    assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(empty.getBody()).contains("会签签名不能为空");
    ClockUtil.setCurrentTime(Date.from(T0.plusSeconds(3600)));
    assertThat(complete("t01sec", countersign, Map.of("countersignature", "徐建国")).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    runJobs(); // archived after its own transaction boundary

    JsonNode community = letter("t01v01sec", communityLetter);
    assertThat(community.get("status").asText()).isEqualTo("ARCHIVED");
    String communityDocument = as("t01v01sec").getForObject("/api/letters/" + communityLetter + "/document",
        String.class);
    assertThat(communityDocument).contains("甲方：<span>洪家楼街道党组织</span>").contains("何刚").contains("徐建国")
        .contains("与<span>洪家楼街道花园社区</span>党组织");

    // the community's record manual records both signatures, each by who signed
    List<RecordEntry> entries = manual.entriesOf("T01V01");
    assertThat(entries).anySatisfy(entry -> {
      assertThat(entry.actor()).isEqualTo("t01v01sec");
      assertThat(entry.summary()).contains("阅读并签订目标责任书").contains("签订");
    });
    assertThat(entries).anySatisfy(entry -> {
      assertThat(entry.actor()).isEqualTo("t01sec");
      assertThat(entry.summary()).contains("会签目标责任书（洪家楼街道花园社区）");
    });

    // the subdistrict's own letter: signed by its secretary, countersigned by the district committee (its
    // communities' and section's signing tasks are visible to it too, level by level, but not its to sign)
    JsonNode own = tasks("t01sec", "SignLetter").stream()
        .filter(task -> task.get("name").asText().equals("阅读并签订目标责任书（洪家楼街道）")).findFirst().orElseThrow();
    assertThat(complete("t01sec", own,
        Map.of("decision", "SIGN", "signature", "徐建国")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    JsonNode top = tasks("quwei", "CountersignLetter").stream()
        .filter(task -> task.get("name").asText().equals("会签目标责任书（洪家楼街道）")).findFirst().orElseThrow();
    assertThat(complete("quwei", top, Map.of("countersignature", "许国栋")).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    runJobs();
    long subdistrictLetter = letterId("quwei", "T01");
    assertThat(letter("t01sec", subdistrictLetter).get("status").asText()).isEqualTo("ARCHIVED");
    assertThat(as("t01sec").getForObject("/api/letters/" + subdistrictLetter + "/document", String.class))
        .contains("甲方：<span>中共").contains("委员会</span>").contains("徐建国").contains("许国栋");
    assertThat(manual.entriesOf("T01")).anySatisfy(entry -> {
      assertThat(entry.actor()).isEqualTo("quwei");
      assertThat(entry.summary()).contains("会签目标责任书（洪家楼街道）");
    });
    // the subdistrict lists its own letter and the three it issued, nothing of its sibling town
    List<String> seen = new ArrayList<>();
    json.readTree(as("t01sec").getForObject("/api/letters?year=" + YEAR, String.class))
        .forEach(letter -> seen.add(letter.get("unitCode").asText()));
    assertThat(seen).containsExactlyInAnyOrder("T01", "T01S01", "T01V01", "T01V02");
  }

  private void runJobs() {
    for (int round = 0; round < 20; round++) {
      List<Job> jobs = management.createJobQuery().executable().list().stream()
          .filter(job -> job.getProcessDefinitionKey() != null
              && job.getProcessDefinitionKey().equals(LetterSigningProcess.KEY))
          .toList();
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(job -> management.executeJob(job.getId()));
    }
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

  private ResponseEntity<String> complete(String user, JsonNode task, Map<String, String> values)
      throws IOException {
    Map<String, Object> variables = new java.util.HashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    return post(user, "/engine-rest/task/" + task.get("id").asText() + "/complete", Map.of("variables", variables));
  }

  private List<JsonNode> tasks(String user, String taskDefinitionKey) throws IOException {
    List<JsonNode> tasks = new ArrayList<>();
    json.readTree(as(user).getForObject("/engine-rest/task?processDefinitionKey=" + LetterSigningProcess.KEY
        + "&taskDefinitionKey=" + taskDefinitionKey, String.class)).forEach(tasks::add);
    return tasks;
  }

  private JsonNode singleTask(String user, String taskDefinitionKey) throws IOException {
    List<JsonNode> tasks = tasks(user, taskDefinitionKey);
    assertThat(tasks).as(taskDefinitionKey + " tasks of " + user).hasSize(1);
    return tasks.get(0);
  }

  private JsonNode letter(String user, long id) throws IOException {
    return json.readTree(as(user).getForObject("/api/letters/" + id, String.class));
  }

  private long letterId(String user, String unitCode) throws IOException {
    for (JsonNode letter : json.readTree(as(user).getForObject("/api/letters?year=" + YEAR, String.class))) {
      if (letter.get("unitCode").asText().equals(unitCode)) {
        return letter.get("id").asLong();
      }
    }
    throw new AssertionError("no letter of " + unitCode);
  }
}
