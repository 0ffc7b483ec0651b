package org.liangze.accountability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.liangze.support.CaseSubjects.investigation;
import static org.liangze.support.CaseSubjects.subject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.accountability.AccountabilityProcess.Element;
import org.liangze.accountability.AccountabilityProcess.Variables;
import org.liangze.clue.Clue;
import org.liangze.clue.ClueProcess;
import org.liangze.clue.Clues;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.IdentitySync;
import org.liangze.rectification.RectificationProcess;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The procedure of the CPC Accountability Regulations end to end on a real PostgreSQL, the engine's clock driven by
 * the test (ClockUtil) and every job run explicitly: a problem clue registered and triaged opens the case; the dual
 * investigation with facts and findings; statement and defence, each point answered; the measures decision; the
 * numbered decision PDF, delivered into the record manual; an appeal that changes a measure (its period of
 * consequences goes with it) while the decision is executed; the public notification with three leaders whose
 * aliases would coincide (张伟, 张强 → 张某; 张三丰 → 张某某), restored to their real names from the stored mapping;
 * rectification; the reminders when the periods of consequences end.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AccountabilityProcedurePostgresTest {

  static final String PASSWORD = "procedure-test-pw";
  static final ZoneId DISTRICT = ZoneId.of("Asia/Shanghai");
  static final ZonedDateTime START = ZonedDateTime.of(2026, 3, 2, 9, 0, 0, 0, DISTRICT);

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired AccountabilityCases cases;
  @Autowired Clues clues;
  @Autowired IdentityService identity;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired ManagementService management;
  @Autowired RecordManual manual;
  @Autowired JdbcClient jdbc;
  @Autowired TestRestTemplate http;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void district() throws IOException {
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
  }

  @AfterEach
  void clock() {
    ClockUtil.reset();
  }

  @Test
  void aCaseGoesThroughDefenceDecisionAppealExecutionNotificationAndTheEndOfItsConsequences() throws Exception {
    at(START);
    // the commission registers a problem clue from Tasklist's start form and triages it, the unit picked from the
    // form's list: the clue opens the case (its source the clue's) in a job of its own
    Map<String, Object> registration = new java.util.HashMap<>();
    registration.put(ClueProcess.Variables.SOURCE, "INSPECTION");
    registration.put(ClueProcess.Variables.TITLE, "廉政风险防控流于形式（程序测试）");
    registration.put(ClueProcess.Variables.CONTENT, "区委第一巡察组反馈：区教育和体育局廉政风险防控台账多年未更新。");
    registration.put(ClueProcess.Variables.REPORTER, "区委第一巡察组");
    identity.setAuthentication("jiwei", identity.createGroupQuery().groupMember("jiwei").list().stream()
        .map(Group::getId).toList());
    String clueInstance;
    try {
      clueInstance = runtime.startProcessInstanceByKey(ClueProcess.KEY, registration).getId();
    } finally {
      identity.clearAuthentication();
    }
    complete("jiwei", taskService.createTaskQuery().processInstanceId(clueInstance)
        .taskDefinitionKey(ClueProcess.Element.TriageClue.name()).singleResult(),
        Map.of(ClueProcess.Variables.DECISION, "OPEN_CASE", ClueProcess.Variables.UNIT_CODE, "D01"));
    runJobs(clueInstance);
    long clueId = (Long) history.createHistoricVariableInstanceQuery().processInstanceId(clueInstance)
        .variableName(ClueProcess.Variables.CLUE_ID).list().get(0).getValue();
    Clue clue = clues.clue(clueId);
    assertThat(clue.status()).isEqualTo(Clue.CASE_OPENED);
    long caseId = clue.caseId();
    AccountabilityCase opened = cases.accountabilityCase(caseId);
    assertThat(opened.source()).isEqualTo(CaseSource.INSPECTION);
    assertThat(opened.unitCode()).isEqualTo("D01");
    assertThat(opened.cause()).isEqualTo("问题线索第" + clueId + "号：廉政风险防控流于形式（程序测试）");
    String instance = opened.processInstanceId();
    runJobs(instance);
    complete("jiwei", task(instance, Element.VerifyCase), Map.of(Variables.DECISION, "OPEN"));
    // the unit's record manual says what the commission chose in the words of its form, not the choice's code
    assertThat(manual.entriesOf("D01")).last().satisfies(entry -> assertThat(entry.summary())
        .startsWith("完成「初步核实").endsWith("结果：立案调查（一案双查）"));

    // 一案双查 with facts and findings; three leaders, two of whom would share the alias 张某
    Map<String, Object> zhangWei = subject("张伟", "LEADER", "PRINCIPAL", "SERIOUS", "NONE");
    zhangWei.put("userId", "d01sec");
    complete("jiwei", task(instance, Element.InvestigateMain), investigation("main", spin(List.of(zhangWei,
        subject("张强", "LEADER", "IMPORTANT", "MINOR", "HEAVIER")))));
    // the investigation's form offers no decision: the verification's, still among the case's variables, is not its
    assertThat(manual.entriesOf("D01")).last().satisfies(entry -> assertThat(entry.summary())
        .startsWith("完成「主体责任调查").doesNotContain("结果"));
    complete("jiwei", task(instance, Element.InvestigateSupervisory), investigation("supervisory", spin(List.of(
        subject("张三丰", "LEADER", "IMPORTANT", "SERIOUS", "NONE"),
        subject("区教育和体育局纪检组", "ORGANISATION", null, "MINOR", "NONE")))));

    // 陈述和申辩: 张伟 answers in person with a point, the rest waive; the commission answers the point
    for (Task defence : taskService.createTaskQuery().processInstanceId(instance)
        .taskDefinitionKey(Element.StatementAndDefence.name()).list()) {
      if ("d01sec".equals(defence.getAssignee())) {
        complete("d01sec", defence, Map.of(Variables.STATEMENT, "对问题负有领导责任，已组织整改",
            Variables.DEFENCE_POINTS, spin(List.of(Map.of("point", "已于三日内完成整改")))));
      } else {
        complete("jiwei", defence, Map.of(Variables.DEFENCE_WAIVED, true));
      }
    }
    Task review = task(instance, Element.ReviewDefence);
    List<Map<String, Object>> points = rows(review, Variables.DEFENCE_REVIEW);
    assertThat(points).singleElement().satisfies(point -> {
      point.put("decision", "ADOPT");
      point.put("reason", "整改材料属实，已在情节认定中考虑");
    });
    complete("jiwei", review, Map.of(Variables.DEFENCE_REVIEW, spin(points)));
    runJobs(instance);
    assertThat(history.createHistoricDecisionInstanceQuery().processInstanceId(instance)
        .decisionDefinitionKey(AccountabilityProcess.DECISION_KEY).count()).isEqualTo(4);

    // 审理 and decision three days later: the committee approves every proposal
    ZonedDateTime decided = START.plusDays(3);
    at(decided);
    Task approve = task(instance, Element.ApproveMeasures);
    List<Map<String, Object>> measures = rows(approve, Variables.MEASURES);
    assertThat(measures).extracting(row -> row.get("subject") + "=" + row.get("proposed"))
        .containsExactlyInAnyOrder("张伟（领导干部，主体责任）=诫勉", "张强（领导干部，主体责任）=诫勉",
            "张三丰（领导干部，监督责任）=诫勉", "区教育和体育局纪检组（党组织，监督责任）=检查");
    measures.forEach(row -> row.put("decision", "APPROVE"));
    complete("quwei", approve, Map.of(Variables.MEASURES, spin(measures),
        Variables.RECTIFICATION_REQUIREMENT, "健全廉政风险防控机制",
        Variables.RECTIFICATION_DEADLINE, decided.toLocalDate().plusDays(30).toString(), Variables.PUBLISH, true));
    // the jobs after the decision run the next day: the periods still count from the day of the decision
    at(decided.plusDays(1));
    runJobs(instance);

    // 问责决定书: numbered, delivered into the record manual, downloadable by the unit
    String number = (String) runtime.getVariable(instance, Variables.DECISION_NUMBER);
    assertThat(number).isEqualTo("区纪问决〔2026〕1号");
    assertThat(manual.entriesOf("D01")).anyMatch(entry -> entry.summary().startsWith("送达问责决定书（" + number));
    ResponseEntity<byte[]> pdf = http.withBasicAuth("d01sec", PASSWORD)
        .getForEntity("/api/accountability-cases/" + caseId + "/decision.pdf", byte[].class);
    assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.OK);
    try (PDDocument document = Loader.loadPDF(pdf.getBody())) {
      assertThat(new PDFTextStripper().getText(document)).contains(number).contains("张伟").contains("张强")
          .contains("张三丰").contains("已于三日内完成整改").contains("予以采纳").contains("申诉途径")
          .contains("2026年9月5日");
    }

    // the notification, while the appeal period runs: aliases 张某甲, 张某乙, 张某某; real names approved
    Task draft = task(instance, Element.DraftNotification);
    String text = (String) taskService.getVariable(draft.getId(), Variables.NOTIFICATION_TEXT);
    assertThat(text).contains("张某甲（主体责任）").contains("张某乙（主体责任）").contains("张某某（监督责任）")
        .doesNotContain("张伟").doesNotContain("张强").doesNotContain("张三丰");
    complete("jiwei", draft, Map.of(Variables.NOTIFICATION_TITLE, "关于一起问责典型案例的通报（程序测试）",
        Variables.NOTIFICATION_TEXT, text + "\n张某甲、张某乙、张某某均已作出书面检查。"));
    complete("quwei", task(instance, Element.ApproveNotification),
        Map.of(Variables.NOTIFICATION_DECISION, "APPROVE", Variables.REAL_NAMES, true));
    runJobs(instance);
    String published = http.withBasicAuth("d02staff", PASSWORD).getForObject("/api/public-notifications",
        String.class);
    assertThat(published).contains("张伟（主体责任）：诫勉").contains("张强（主体责任）：诫勉")
        .contains("张三丰（监督责任）：诫勉").contains("张伟、张强、张三丰均已作出书面检查").doesNotContain("张某");

    // 申诉 ten days after delivery: the committee changes 张强's 诫勉 to 通报, which carries no period
    at(decided.plusDays(10));
    complete("d01sec", task(instance, Element.LodgeAppeal), Map.of(Variables.APPEAL, "APPEAL",
        Variables.APPELLANT, "张强", Variables.APPEAL_GROUNDS, "情节较轻，诫勉过重"));
    Task appealReview = task(instance, Element.ReviewAppeal);
    List<Map<String, Object>> reviewRows = rows(appealReview, Variables.APPEAL_REVIEW);
    for (Map<String, Object> row : reviewRows) {
      boolean zhangQiang = ((String) row.get("subject")).startsWith("张强");
      row.put("outcome", zhangQiang ? "CHANGE" : "UPHOLD");
      row.put("newMeasure", zhangQiang ? "通报" : null);
      row.put("reason", zhangQiang ? "情节较轻，改为通报" : "维持原决定");
    }
    complete("quwei", appealReview, Map.of(Variables.APPEAL_REVIEW, spin(reviewRows)));
    runJobs(instance);
    LocalDate periodEnd = decided.toLocalDate().plusMonths(6);
    assertThat(cases.measures(caseId)).extracting(m -> m.subjectName() + ":" + m.finalMeasure() + ":"
            + m.appealOutcome() + ":" + m.consequenceEndsOn())
        .containsExactlyInAnyOrder("张伟:诫勉:UPHELD:" + periodEnd, "张强:通报:CHANGED:null",
            "张三丰:诫勉:UPHELD:" + periodEnd, "区教育和体育局纪检组:检查:UPHELD:null");

    // execution: the unit rectifies, the commission verifies
    String rectification = runtime.createProcessInstanceQuery().processDefinitionKey(RectificationProcess.KEY)
        .superProcessInstanceId(instance).singleResult().getId();
    complete("d01sec", task(rectification, RectificationProcess.Element.PlanRectification),
        Map.of("plan", "重新梳理廉政风险点"));
    complete("d01staff", task(rectification, RectificationProcess.Element.CarryOut),
        Map.of("report", "已完成梳理", "records", String.valueOf(manual.entriesOf("D01").get(0).seq())));
    complete("jiwei", task(rectification, RectificationProcess.Element.VerifyRectification),
        Map.of("decision", "VERIFIED", "verificationComment", "整改到位"));
    runJobs(instance);

    // the periods of consequences: one timer each for 张伟 and 张三丰 (张强's went with the change)
    List<Job> timers = management.createJobQuery().processInstanceId(instance).timers().list();
    Date due = Date.from(periodEnd.atTime(9, 0).atZone(DISTRICT).toInstant());
    assertThat(timers).extracting(Job::getDuedate).containsExactly(due, due);
    assertThat(reminders()).isEmpty();
    at(periodEnd.plusDays(1).atStartOfDay(DISTRICT));
    timers.forEach(timer -> management.executeJob(timer.getId()));
    runJobs(instance);
    assertThat(reminders()).containsExactly("【问责】张三丰“诫勉”影响期已满", "【问责】张伟“诫勉”影响期已满");
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance)
        .activityId(Element.CaseConcluded.name()).count()).isEqualTo(1);
  }

  /** The end-of-consequences reminders of this case (one title per measure, however many members are told). */
  private List<String> reminders() {
    return jdbc.sql("""
            select distinct subject from notifications where kind = 'CONSEQUENCE_PERIOD_ENDED'
               and subject like '%诫勉%' order by subject""").query(String.class).list();
  }

  private static void at(ZonedDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.toInstant()));
  }

  private List<Map<String, Object>> rows(Task task, String variable) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (JsonNode row : json.readTree(taskService.getVariable(task.getId(), variable).toString())) {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = json.convertValue(row, Map.class);
      rows.add(map);
    }
    return rows;
  }

  private Object spin(Object rows) throws IOException {
    return SpinValues.jsonValue(json.writeValueAsString(rows)).create();
  }

  private Task task(String instance, Enum<?> element) {
    return taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(element.name()).singleResult();
  }

  private void complete(String userId, Task task, Map<String, Object> variables) {
    identity.setAuthentication(userId, identity.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId).toList());
    try {
      taskService.complete(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  private void runJobs(String instance) {
    List<Job> jobs = management.createJobQuery().processInstanceId(instance).messages().list();
    while (!jobs.isEmpty()) {
      jobs.forEach(job -> management.executeJob(job.getId()));
      jobs = management.createJobQuery().processInstanceId(instance).messages().list();
    }
  }

  private ResponseEntity<String> post(String path, String user, Object body) throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth(user, PASSWORD).exchange(path, HttpMethod.POST,
        new HttpEntity<>(json.writeValueAsString(body), headers), String.class);
  }
}
