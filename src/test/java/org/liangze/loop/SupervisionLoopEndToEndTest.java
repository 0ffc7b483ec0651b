package org.liangze.loop;

import static org.liangze.support.CaseSubjects.investigation;
import static org.liangze.support.CaseSubjects.subject;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.liangze.accountability.AccountabilityProcess;
import org.liangze.accountability.AccountabilityProcess.Element;
import org.liangze.accountability.AccountabilityProcess.Variables;
import org.liangze.dashboard.DashboardService;
import org.liangze.demo.DemoDistrict;
import org.liangze.escalation.EscalationLevel;
import org.liangze.escalation.EscalationStep;
import org.liangze.escalation.Escalations;
import org.liangze.organisation.Groups;
import org.liangze.organisation.IdentitySync;
import org.liangze.organisation.Official;
import org.liangze.record.ChainVerifier;
import org.liangze.record.RecordEntry;
import org.liangze.record.RecordManual;
import org.liangze.rectification.RectificationProcess;
import org.liangze.selfcheck.SelfCheckCampaigns;
import org.liangze.support.ActAs;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole loop on a real PostgreSQL, driven by the clock: a unit lets its quarterly self-check run overdue; the
 * ladder reminds, sends a supervision notice, requests a summons (a talk starts) and finally opens exactly one
 * accountability case, which the commission and the committee take to a published notification and a verified
 * rectification. The unit's record manual holds every step, and its chain verifies.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SupervisionLoopEndToEndTest {

  static final ZoneId DISTRICT = ZoneId.of("Asia/Shanghai");
  static final String UNIT = "D01";

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }

  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired SelfCheckCampaigns selfChecks;
  @Autowired Escalations escalations;
  @Autowired RecordManual record;
  @Autowired ChainVerifier verifier;
  @Autowired IdentityService identity;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired ActAs actAs;
  @Autowired DashboardService dashboard;
  @Autowired JdbcClient jdbc;
  final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
    identity.clearAuthentication();
  }

  @Test
  void anOverdueSelfCheckEscalatesIntoOneCaseThatRunsToAPublishedNotificationAndAVerifiedRectification()
      throws IOException {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-10-08T02:00:00Z")));
    district.seedIfEmpty(2026);
    identitySync.sync();
    identity.setAuthentication("jiwei", List.of(Groups.DISCIPLINE_COMMISSION));
    try {
      selfChecks.start("2026Q3");
    } finally {
      identity.clearAuthentication();
    }
    runMessageJobs();
    ProcessInstance selfCheck = runtime.createProcessInstanceQuery()
        .processInstanceBusinessKey("selfcheck-" + UNIT + "-2026Q3").singleResult();
    // the secretary's share of the assessment (the common list's main items, hers by default)
    Task assess = tasks.createTaskQuery().processInstanceId(selfCheck.getId()).taskAssignee("d01sec").singleResult();
    Instant due = assess.getDueDate().toInstant();

    // the ladder, step by step on its days
    patrolAt(due.minus(Duration.ofDays(2)));
    patrolAt(due);
    patrolAt(due.plus(Duration.ofDays(5)));
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("talk")
        .variableValueEquals("unitCode", UNIT).count()).as("the summons started a talk").isEqualTo(1);
    patrolAt(due.plus(Duration.ofDays(15)));
    patrolAt(due.plus(Duration.ofDays(16))); // nothing twice
    assertThat(escalations.stepsOf(UNIT).stream().filter(step -> step.taskId().equals(assess.getId()))
        .map(EscalationStep::level).toList())
        .containsExactly(EscalationLevel.REMINDED, EscalationLevel.OVERDUE, EscalationLevel.SUMMONED,
            EscalationLevel.ESCALATED);

    List<ProcessInstance> cases = runtime.createProcessInstanceQuery()
        .processDefinitionKey(AccountabilityProcess.KEY).variableValueEquals("unitCode", UNIT).list();
    assertThat(cases).as("exactly one accountability case").hasSize(1);
    String kase = cases.get(0).getId();

    // the commission verifies and investigates both responsibilities; the committee decides
    runMessageJobs();
    actAs.complete("jiwei", task(kase, Element.VerifyCase), Map.of(Variables.DECISION, "OPEN"));
    actAs.complete("jiwei", task(kase, Element.InvestigateMain), investigation("main", spin(List.of(
        subject("张伟", "LEADER", "PRINCIPAL", "SERIOUS", "NONE")))));
    actAs.complete("jiwei", task(kase, Element.InvestigateSupervisory), investigation("supervisory",
        spin(List.of(subject("区教育和体育局纪检组", "ORGANISATION", null, "MINOR", "NONE")))));
    // each subject's statement and defence (both waive here), answered by the commission's review
    tasks.createTaskQuery().processInstanceId(kase).taskDefinitionKey(Element.StatementAndDefence.name()).list()
        .forEach(defence -> actAs.complete("jiwei", defence, Map.of(Variables.DEFENCE_WAIVED, true)));
    actAs.complete("jiwei", task(kase, Element.ReviewDefence), Map.of());
    runMessageJobs();
    Task approve = task(kase, Element.ApproveMeasures);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (JsonNode row : json.readTree(tasks.getVariable(approve.getId(), Variables.MEASURES).toString())) {
      @SuppressWarnings("unchecked")
      Map<String, Object> decided = json.convertValue(row, Map.class);
      decided.put("decision", "APPROVE");
      rows.add(decided);
    }
    assertThat(rows).isNotEmpty();
    actAs.complete("quwei", approve, Map.of(Variables.MEASURES, spin(rows),
        Variables.RECTIFICATION_REQUIREMENT, "按期完成季度自查，健全自查台账",
        Variables.RECTIFICATION_DEADLINE, LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), DISTRICT)
            .plusDays(30).toString(),
        Variables.PUBLISH, true));
    runMessageJobs();
    Task draft = task(kase, Element.DraftNotification);
    actAs.complete("jiwei", draft, Map.of(
        Variables.NOTIFICATION_TITLE, tasks.getVariable(draft.getId(), Variables.NOTIFICATION_TITLE),
        Variables.NOTIFICATION_TEXT, tasks.getVariable(draft.getId(), Variables.NOTIFICATION_TEXT)));
    actAs.complete("quwei", task(kase, Element.ApproveNotification),
        Map.of(Variables.NOTIFICATION_DECISION, "APPROVE"));
    runMessageJobs();
    assertThat(jdbc.sql("select count(*) from public_notifications where status = 'PUBLISHED'").query(Long.class)
        .single()).isGreaterThanOrEqualTo(1);

    // the unit rectifies, the commission verifies
    ProcessInstance rectification = runtime.createProcessInstanceQuery()
        .processDefinitionKey(RectificationProcess.KEY).superProcessInstanceId(kase).singleResult();
    actAs.complete("d01sec", task(rectification.getId(), RectificationProcess.Element.PlanRectification),
        Map.of("plan", "书记牵头，每季度首月完成自查并报纪检组"));
    long seq = record.entriesOf(UNIT).get(0).seq();
    actAs.complete("d01staff", task(rectification.getId(), RectificationProcess.Element.CarryOut),
        Map.of("report", "已建立自查台账并补做第三季度自查", "records", String.valueOf(seq)));
    actAs.complete("jiwei", task(rectification.getId(), RectificationProcess.Element.VerifyRectification),
        Map.of("decision", "VERIFIED", "verificationComment", "整改到位"));
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(rectification.getId()).count()).isZero();
    assertThat(jdbc.sql("select status from rectifications where unit_code = ? order by id desc fetch first 1 rows only")
        .param(UNIT).query(String.class).single()).isEqualTo("VERIFIED");
    // the case's rectification is a closed row of the unit's ledger, its source the accountability case
    assertThat(jdbc.sql("select source_kind || ' ' || status from rectification_rows where unit_code = ?").param(UNIT)
        .query(String.class).list()).containsExactly("ACCOUNTABILITY CLOSED");

    // one request, one case; the record holds every step and verifies
    assertThat(jdbc.sql("select count(*) from accountability_requests where unit_code = ?").param(UNIT)
        .query(Long.class).single()).isEqualTo(1);
    List<String> summaries = record.entriesOf(UNIT).stream().map(RecordEntry::summary).toList();
    for (String step : List.of(taskName(Element.VerifyCase), taskName(Element.ApproveMeasures),
        taskName(Element.ApproveNotification))) {
      assertThat(summaries).as(step).anyMatch(summary -> summary.contains(step));
    }
    assertThat(summaries).anyMatch(summary -> summary.contains("整改"));
    assertThat(verifier.verify(UNIT).intact()).isTrue();

    // the dashboard counts the decided measures by the four forms
    DashboardService.Dashboard board = dashboard.of(Official.of("jiwei", List.of(Groups.DISCIPLINE_COMMISSION)),
        dashboard.currentQuarter());
    assertThat(board.measuresByForm().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(rows.size());
  }

  private String taskName(Element element) {
    return jdbc.sql("select name_ from act_hi_taskinst where task_def_key_ = ? fetch first 1 rows only")
        .param(element.name()).query(String.class).single().replaceAll("（.*）", "");
  }

  private void patrolAt(Instant when) {
    ClockUtil.setCurrentTime(Date.from(when));
    escalations.patrol();
    runMessageJobs();
  }

  /** Asynchronous continuations and deliveries only; timers fire when the test moves the clock and says so. */
  private void runMessageJobs() {
    for (int round = 0; round < 50; round++) {
      List<Job> jobs = management.createJobQuery().messages().withRetriesLeft().list();
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(job -> management.executeJob(job.getId()));
    }
  }

  private Task task(String instance, Enum<?> element) {
    return tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(element.name()).singleResult();
  }

  private Object spin(Object rows) throws IOException {
    return SpinValues.jsonValue(json.writeValueAsString(rows)).create();
  }

}
