package org.liangze.mytasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.escalation.EscalationPolicy;
import org.liangze.letter.LetterSigningProcess;
import org.liangze.organisation.Groups;
import org.liangze.organisation.IdentitySync;
import org.liangze.selfcheck.Quarter;
import org.liangze.selfcheck.QuarterlySelfCheckProcess;
import org.liangze.selfcheck.SelfCheckCampaigns;
import org.liangze.selfcheck.UnitSelfCheckProcess;
import org.liangze.support.ActAs;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.liangze.talk.TalkProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * 我的待办 over HTTP on a real PostgreSQL: a community's secretary lists their open tasks (the letter to sign, with
 * its process, unit and due date, red once overdue and amber within the reminder period), is refused bad input in
 * Chinese with nothing changed (no signature, a signature too long, a choice the form does not offer, a field the
 * form does not have), signs on the page and the letter is signed; someone else cannot open or complete the task;
 * a town's secretary reports on a talk's commitment the same way.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MyTasksPostgresTest {

  static final String PASSWORD = "my-tasks-pw";
  static final int YEAR = 2027;
  static final Instant T0 = Instant.parse("2027-01-04T01:00:00Z");
  static final ZoneId DISTRICT = ZoneId.of("Asia/Shanghai");

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @Autowired TestRestTemplate http;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired ManagementService management;
  @Autowired TaskService tasks;
  @Autowired EscalationPolicy escalation;
  @Autowired ActAs actAs;
  @Autowired IdentityService identity;
  @Autowired SelfCheckCampaigns campaigns;
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
  void aSecretarySignsTheLetterOnThePageAfterBadInputIsRefused() throws IOException {
    assertThat(post("quwei", "/api/letter-campaigns", Map.of("year", String.valueOf(YEAR))).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    runJobs(LetterSigningProcess.KEY);
    Task sign = tasks.createTaskQuery().processDefinitionKey(LetterSigningProcess.KEY)
        .taskDefinitionKey(LetterSigningProcess.Element.SignLetter.name())
        .taskName("阅读并签订目标责任书（洪家楼街道花园社区）").singleResult();
    String taskId = sign.getId();
    Instant due = sign.getDueDate().toInstant();
    String dueLabel = DateTimeFormatter.ofPattern("yyyy年M月d日").format(due.atZone(DISTRICT));

    // the list: the task in words, its process, its unit and its due date; a link to the page that completes it
    String list = as("t01v01sec").getForObject("/pages/tasks", String.class);
    assertThat(list).contains("我的待办").contains("阅读并签订目标责任书（洪家楼街道花园社区）")
        .contains(">目标责任书签订<").contains("洪家楼街道花园社区").contains(dueLabel)
        .contains("/pages/tasks/" + taskId).contains("拍照记录履责");
    assertThat(card(list, taskId)).contains("class=\"task normal\"");

    // within the reminder period amber, overdue red
    Duration remind = escalation.ladderOf("T01V01").remindBefore();
    ClockUtil.setCurrentTime(Date.from(due.minus(remind).plusSeconds(3600)));
    assertThat(card(as("t01v01sec").getForObject("/pages/tasks", String.class), taskId))
        .contains("class=\"task soon\"").contains("即将到期");
    ClockUtil.setCurrentTime(Date.from(due.plusSeconds(3600)));
    assertThat(card(as("t01v01sec").getForObject("/pages/tasks", String.class), taskId))
        .contains("class=\"task overdue\"").contains("已逾期");
    ClockUtil.setCurrentTime(Date.from(T0));

    // the task's page shows the letter and the form's choices
    String page = as("t01v01sec").getForObject("/pages/tasks/" + taskId, String.class);
    assertThat(page).contains("2027年度党风廉政建设目标责任书").contains("签订").contains("提出异议")
        .contains("签名").contains("/api/letters/");

    // bad input: a clear message, the task still open and unclaimed, the letter not signed
    assertRefused("t01v01sec", taskId, form("decision", "SIGN", "signature", "  "), "请填写“签名”");
    assertRefused("t01v01sec", taskId, form(), "请选择“您的决定”");
    assertRefused("t01v01sec", taskId, form("decision", "SIGN", "signature", "何".repeat(51)),
        "“签名”不能超过50个字");
    assertRefused("t01v01sec", taskId, form("decision", "APPROVE"), "“您的决定”的选项不正确");
    assertRefused("t01v01sec", taskId, form("decision", "OBJECT", "objectionReason", ""), "请填写“异议理由”");
    assertThat(letter("T01V01").path("signature").isNull() || letter("T01V01").path("signature").isMissingNode())
        .isTrue();

    // someone else's task: neither shown nor completed — another town's secretary, the commission
    for (String other : List.of("t02sec", "jiwei")) {
      assertThat(as(other).getForObject("/pages/tasks", String.class)).doesNotContain(taskId);
      ResponseEntity<String> shown = as(other).getForEntity("/pages/tasks/" + taskId, String.class);
      assertThat(shown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(shown.getBody()).contains("未找到该待办");
      ResponseEntity<String> completed = submit(other, taskId, form("decision", "SIGN", "signature", "冒名"));
      assertThat(completed.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }
    assertThat(tasks.createTaskQuery().taskId(taskId).singleResult()).isNotNull();

    // signed on the page: the task done, the letter signed with the name, by the secretary
    ResponseEntity<String> signed = submit("t01v01sec", taskId, form("decision", "SIGN", "signature", "何刚"));
    // redirected (and followed) to the list, which says what was done
    assertThat(signed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(signed.getBody()).contains("已办理：阅读并签订目标责任书（洪家楼街道花园社区）");
    assertThat(tasks.createTaskQuery().taskId(taskId).singleResult()).isNull();
    JsonNode letter = letter("T01V01");
    assertThat(letter.get("signature").asText()).isEqualTo("何刚");
    assertThat(letter.get("signerId").asText()).isEqualTo("t01v01sec");
    assertThat(signed.getBody()).doesNotContain("/pages/tasks/" + taskId + "\"");
    // the notice names only what the caller completed, never text from the address
    assertThat(as("t02sec").getForObject("/pages/tasks?done=" + taskId, String.class)).doesNotContain("已办理");
    assertThat(as("t01v01sec").getForObject("/pages/tasks?done=请拨打电话", String.class))
        .doesNotContain("已办理").doesNotContain("请拨打电话");
  }

  @Test
  void aSecretaryReportsOnATalksCommitment() throws IOException {
    ResponseEntity<String> started = post("jiwei", "/api/talks",
        Map.of("unitCode", "T01", "kind", "INTEGRITY_TALK", "subjectUserId", "t01staff", "cause", "新任职廉政谈话"));
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String instance = json.readTree(started.getBody()).get("processInstanceId").asText();
    actAs.complete("jiwei", task(instance, TalkProcess.Element.ArrangeTalk), Map.of(
        TalkProcess.Variables.TALK_TIME, LocalDate.ofInstant(T0, DISTRICT).plusDays(1) + "T09:30",
        TalkProcess.Variables.PLACE, "谈话室", TalkProcess.Variables.PARTICIPANTS, "李明、王强"));
    management.createJobQuery().messages().processInstanceId(instance).list()
        .forEach(job -> management.executeJob(job.getId()));
    actAs.complete("jiwei", task(instance, TalkProcess.Element.HoldTalk), Map.of(
        TalkProcess.Variables.MINUTES, "谈话记录", TalkProcess.Variables.COMMITMENTS, SpinValues.jsonValue(
            "[{\"content\":\"完善三重一大决策制度\",\"dueDate\":\"" + LocalDate.ofInstant(T0, DISTRICT).plusDays(30)
                + "\"}]").create()));
    Task fulfil = task(instance, TalkProcess.Element.FulfilCommitment);

    assertThat(as("t01sec").getForObject("/pages/tasks", String.class)).contains("/pages/tasks/" + fulfil.getId());
    assertThat(as("t01sec").getForObject("/pages/tasks/" + fulfil.getId(), String.class))
        .contains("完善三重一大决策制度").contains("落实情况");
    assertRefused("t01sec", fulfil.getId(), form("report", ""), "请填写“落实情况”");
    assertRefused("t01sec", fulfil.getId(), form("report", "字".repeat(4001)), "“落实情况”不能超过4000个字");
    assertThat(submit("t01sec", fulfil.getId(), form("report", "已修订三重一大决策制度并印发")).getBody())
        .contains("已办理：落实谈话承诺");
    assertThat(tasks.createTaskQuery().taskId(fulfil.getId()).singleResult()).isNull();
    assertThat(tasks.createTaskQuery().processInstanceId(instance)
        .taskDefinitionKey(TalkProcess.Element.VerifyCommitment.name()).count()).isEqualTo(1);
  }

  @Test
  void aSecretaryAssessesTheRowsTheyAreResponsibleFor() throws IOException {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-03-20T01:00:00Z")));
    String quarter = "2027Q1";
    identity.setAuthentication("jiwei", List.of(Groups.DISCIPLINE_COMMISSION));
    try {
      campaigns.start(quarter);
    } finally {
      identity.clearAuthentication();
    }
    runJobs(QuarterlySelfCheckProcess.KEY, UnitSelfCheckProcess.KEY);
    Task assess = tasks.createTaskQuery().processDefinitionKey(UnitSelfCheckProcess.KEY)
        .processInstanceBusinessKey(UnitSelfCheckProcess.businessKey("D01", Quarter.parse(quarter)))
        .taskDefinitionKey(UnitSelfCheckProcess.Element.AssessItems.name()).list().stream()
        // the secretary's share: the common list's 主体责任 items are theirs (their 责任人 by default)
        .filter(task -> "d01sec".equals(task.getAssignee())).findFirst().orElseThrow();
    int rows = json.readTree(tasks.getVariable(assess.getId(), UnitSelfCheckProcess.Variables.ITEMS).toString())
        .size();
    assertThat(rows).isPositive();

    assertThat(as("d01sec").getForObject("/pages/tasks", String.class)).contains("/pages/tasks/" + assess.getId());
    String page = as("d01sec").getForObject("/pages/tasks/" + assess.getId(), String.class);
    assertThat(page).contains("完成情况").contains("已完成").contains("部分完成").contains("未完成")
        .contains("name=\"status-" + (rows - 1) + "\"").contains("/pages/units/D01/record/new?item=");

    MultiValueMap<String, String> partly = form();
    for (int row = 0; row < rows - 1; row++) {
      partly.add("status-" + row, "DONE");
    }
    assertRefused("d01sec", assess.getId(), partly, "请选择第" + rows + "项“完成情况”");
    MultiValueMap<String, String> all = form();
    for (int row = 0; row < rows; row++) {
      all.add("status-" + row, row == 0 ? "PARTLY" : "DONE");
      all.add("note-" + row, row == 0 ? "制度修订尚在征求意见" : "");
    }
    all.set("note-0", "说".repeat(1001));
    assertRefused("d01sec", assess.getId(), all, "第1项“说明”不能超过1000个字");
    all.set("status-0", "MAYBE");
    all.set("note-0", "制度修订尚在征求意见");
    assertRefused("d01sec", assess.getId(), all, "第1项“完成情况”的选项不正确");
    all.set("status-0", "PARTLY");
    assertThat(submit("d01sec", assess.getId(), all).getBody()).contains("已办理：逐项自查");
    assertThat(tasks.createTaskQuery().taskId(assess.getId()).singleResult()).isNull();
  }

  private void assertRefused(String user, String taskId, MultiValueMap<String, String> form, String message) {
    String assignee = tasks.createTaskQuery().taskId(taskId).singleResult().getAssignee();
    ResponseEntity<String> refused = submit(user, taskId, form);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody()).contains(message);
    Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
    assertThat(task).isNotNull();
    // not claimed by the refused submission
    assertThat(task.getAssignee()).isEqualTo(assignee);
  }

  private static String card(String list, String taskId) {
    int start = list.indexOf("id=\"task-" + taskId + "\"");
    assertThat(start).isPositive();
    int from = list.lastIndexOf("<div", start);
    return list.substring(from, list.indexOf("</div>\n</div>", start));
  }

  private JsonNode letter(String unitCode) throws IOException {
    for (JsonNode letter : json.readTree(as("t01v01sec").getForObject("/api/letters?year=" + YEAR, String.class))) {
      if (letter.get("unitCode").asText().equals(unitCode)) {
        return letter;
      }
    }
    throw new AssertionError("no letter of " + unitCode);
  }

  private Task task(String instance, TalkProcess.Element element) {
    return tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(element.name()).singleResult();
  }

  private static MultiValueMap<String, String> form(String... pairs) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      form.add(pairs[i], pairs[i + 1]);
    }
    return form;
  }

  private ResponseEntity<String> submit(String user, String taskId, MultiValueMap<String, String> form) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return as(user).postForEntity("/pages/tasks/" + taskId, new HttpEntity<>(form, headers), String.class);
  }

  private void runJobs(String... processKeys) {
    for (int round = 0; round < 20; round++) {
      var jobs = management.createJobQuery().executable().list().stream()
          .filter(job -> java.util.Arrays.asList(processKeys).contains(job.getProcessDefinitionKey())).toList();
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
    return as(user).postForEntity(path, new HttpEntity<>(json.writeValueAsString(body), headers), String.class);
  }
}
