package org.liangze.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.liangze.dutyreport.DutyReportProcess;
import org.liangze.selfcheck.UnitSelfCheckProcess;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.liangze.support.WebClient;
import org.liangze.talk.TalkProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo starts with content on every page, read through the doors its users use: talks held, arranged and a
 * problem summons; an accountability case decided, with its written decision and its published notification
 * (aliases, no real names); record manual entries of several units, by staff, secretaries, inspectors and a team
 * member, with their evidence files and an intact chain; the team member's duty report and the secretary's
 * commitments in Tasklist. Seeding again (a restarted demo) adds nothing.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "liangze.demo.start-campaigns=true")
@ActiveProfiles({"test", "demo"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DemoContentTest {

  static final String PASSWORD = "demo";

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }

  @LocalServerPort int port;
  @Autowired TaskService tasks;
  @Autowired DemoRecordEntries recordEntries;
  @Autowired DemoTalks talks;
  @Autowired DemoCase accountabilityCase;
  @Autowired DemoDutyReports dutyReports;
  @Autowired DemoSelfCheckReview selfCheckReview;
  final ObjectMapper json = new ObjectMapper();

  @Test
  void talksHeldArrangedAndASummons() throws Exception {
    JsonNode held = get("/api/units/D01/talks", "d01sec");
    assertThat(held).singleElement().satisfies(talk -> {
      assertThat(talk.get("kindLabel").asText()).isEqualTo("廉政谈话");
      assertThat(talk.get("status").asText()).isEqualTo("FOLLOWING_UP");
      assertThat(talk.get("minutes").asText()).contains("张伟同志");
      assertThat(talk.get("commitments")).hasSize(2);
      assertThat(talk.get("recordSeq").isNumber()).isTrue();
    });
    assertThat(tasks.createTaskQuery().taskDefinitionKey(TalkProcess.Element.FulfilCommitment.name())
        .taskCandidateUser("d01sec").count()).isEqualTo(2);
    assertThat(get("/api/units/T01V02/talks", "jiwei")).singleElement().satisfies(talk -> {
      assertThat(talk.get("status").asText()).isEqualTo("SCHEDULED");
      assertThat(talk.get("place").asText()).isEqualTo("区纪委监委第二谈话室");
    });
    assertThat(get("/api/units/T02V01/talks", "t02v01sec")).singleElement().satisfies(talk -> {
      assertThat(talk.get("kindLabel").asText()).isEqualTo("问题约谈");
      assertThat(talk.get("status").asText()).isEqualTo("SCHEDULED");
    });
    assertThat(tasks.createTaskQuery().taskDefinitionKey(TalkProcess.Element.HoldTalk.name())
        .taskCandidateUser("jiwei").count()).isEqualTo(2);
  }

  @Test
  void aDecidedCaseWithItsWrittenDecisionAndPublicNotification() throws Exception {
    JsonNode notices = get("/api/public-notifications", "t01v01sec");
    assertThat(notices).singleElement().satisfies(notice -> {
      assertThat(notice.get("title").asText()).isEqualTo(DemoCase.NOTIFICATION_TITLE);
      assertThat(notice.get("text").asText()).contains("何某").contains("高某某").doesNotContain("何刚")
          .doesNotContain("高玉兰");
    });
    long caseId = notices.get(0).get("caseId").asLong();
    JsonNode view = get("/api/accountability-cases/" + caseId, "jiwei");
    assertThat(view.get("accountabilityCase").get("unitCode").asText()).isEqualTo("T01V01");
    assertThat(view.get("investigations")).hasSize(2);
    List<String> measures = new ArrayList<>();
    view.get("measures").forEach(m -> measures.add(m.get("subjectName").asText() + ":" + m.get("decision").asText()));
    assertThat(measures).hasSize(3).allMatch(m -> m.endsWith(":APPROVE"));
    HttpResponse<String> decision = WebClient.basic("GET",
        uri("/api/accountability-cases/" + caseId + "/decision.pdf"), "t01v01sec", PASSWORD, null);
    assertThat(decision.statusCode()).isEqualTo(200);
    assertThat(decision.body()).startsWith("%PDF");
    String page = page("/pages/notifications", "t02staff");
    assertThat(page).contains(DemoCase.NOTIFICATION_TITLE).contains("何某").doesNotContain("何刚");
    // the unit's secretary has the case's appeal window and its rectification in Tasklist
    assertThat(tasks.createTaskQuery().taskCandidateUser("t01v01sec").list())
        .extracting(task -> task.getTaskDefinitionKey()).contains("LodgeAppeal", "PlanRectification");
  }

  @Test
  void recordEntriesOfSeveralUnitsWithEvidenceAndAnIntactChain() throws Exception {
    String page = page("/pages/units/T01V01/record", "t01v01sec");
    assertThat(page).contains("社区党委会议记录.pdf", "公开栏照片.png", "网格公岗抽查记录.pdf", "学习签到表.png")
        .contains("个性清单第1项·小微权力", "郭晓燕", "高玉兰").contains("class=\"status intact\"")
        .contains("送达问责决定书");
    Matcher link = Pattern.compile("href=\"(/api/evidence/[0-9a-f]+)\">社区党委会议记录.pdf").matcher(page);
    assertThat(link.find()).isTrue();
    HttpResponse<String> file = WebClient.basic("GET", uri(link.group(1)), "t01v01sec", PASSWORD, null);
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body()).startsWith("%PDF");
    JsonNode chain = get("/api/units/T01V01/record/verification", "t01v01sec");
    assertThat(chain.get("entriesChecked").asLong()).isGreaterThanOrEqualTo(4);
    assertThat(chain.hasNonNull("firstBreak")).isFalse();
    // a team member and inspectors of other units too
    assertThat(page("/pages/units/T02/record", "t02sec")).contains("涉农项目专项检查表.pdf", "郑浩");
    assertThat(page("/pages/units/D01S01/record", "d01s01sec")).contains("窗口暗访记录.png");
    assertThat(page("/pages/units/T01V02/record", "t01sec")).contains("联席会记录.pdf");
  }

  @Test
  void aCommunitysSelfCheckWaitsForItsTownsReview() {
    assertThat(tasks.createTaskQuery().processDefinitionKey(UnitSelfCheckProcess.KEY)
        .taskDefinitionKey(UnitSelfCheckProcess.Element.Review.name()).taskCandidateUser("t01insp").list())
        .singleElement().satisfies(task -> assertThat(task.getName()).contains("洪家楼街道花园社区"));
    assertThat(tasks.createTaskQuery().taskDefinitionKey(UnitSelfCheckProcess.Element.Review.name())
        .taskCandidateUser("jiwei").count()).as("a village is its town's to review").isZero();
  }

  @Test
  void teamMembersHaveTheirDutyReportToWrite() {
    assertThat(tasks.createTaskQuery().processDefinitionKey(DutyReportProcess.KEY).taskAssignee("t02insp").count())
        .isEqualTo(1);
  }

  @Test
  void aRestartedDemoAddsNothing() throws Exception {
    String before = page("/pages/units/T01V01/record", "jiwei");
    long taskCount = tasks.createTaskQuery().count();
    ApplicationArguments none = new DefaultApplicationArguments();
    recordEntries.run(none);
    talks.run(none);
    accountabilityCase.run(none);
    dutyReports.run(none);
    selfCheckReview.run(none);
    assertThat(tasks.createTaskQuery().count()).isEqualTo(taskCount);
    assertThat(entryCount(page("/pages/units/T01V01/record", "jiwei"))).isEqualTo(entryCount(before));
    assertThat(get("/api/units/D01/talks", "jiwei")).hasSize(1);
    assertThat(get("/api/public-notifications", "jiwei")).hasSize(1);
  }

  private static String entryCount(String page) {
    Matcher count = Pattern.compile("共 <span>(\\d+)</span> 条记录").matcher(page);
    assertThat(count.find()).isTrue();
    return count.group(1);
  }

  private JsonNode get(String path, String user) throws Exception {
    HttpResponse<String> response = WebClient.basic("GET", uri(path), user, PASSWORD, null);
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return json.readTree(response.body());
  }

  private String page(String path, String user) {
    HttpResponse<String> response = WebClient.basic("GET", uri(path), user, PASSWORD, null);
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response.body();
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }
}
