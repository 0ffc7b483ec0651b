package org.liangze.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
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
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.Groups;
import org.liangze.organisation.IdentitySync;
import org.liangze.organisation.Role;
import org.liangze.platform.ConflictException;
import org.liangze.platform.InvalidInputException;
import org.liangze.record.EntryKind;
import org.liangze.record.NewEntry;
import org.liangze.record.RecordManual;
import org.liangze.report.HalfYearReportProcess.Element;
import org.liangze.report.HalfYearReportProcess.Variables;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Every path of the half-year report models on the real application, jobs run by the test; the timer start fires
 * twice in a year under a moving clock; the draft holds the numbers of the record it was made from.
 */
@SpringBootTest
@ActiveProfiles("test")
@Import({ProcessEngineCoverageConfiguration.class, HalfYearReportProcessTest.FullCoverage.class})
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class HalfYearReportProcessTest {

  @TestConfiguration
  static class FullCoverage {
    @Bean
    ProcessEngineCoverageProperties processEngineCoverageProperties() {
      return ProcessEngineCoverageProperties.Companion.builder().assertClassCoverageAtLeast(1.0).build();
    }
  }

  @Autowired org.liangze.support.ActAs actAs;
  @Autowired org.camunda.bpm.engine.ProcessEngine engine;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired ReportCampaigns campaigns;
  @Autowired HalfYearReports reports;
  @Autowired org.liangze.organisation.UnitRepository units;
  @Autowired RecordManual record;
  @Autowired IdentityService identity;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;

  @BeforeEach
  void district() throws IOException {
    AbstractAssertions.reset();
    BpmnAwareTests.init(engine);
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
  }

  @AfterEach
  void reset() {
    ClockUtil.reset();
    identity.clearAuthentication();
  }

  @Test
  void draftedFromTheRecordEditedSignedReturnedAndAcceptedThenTheDistrictSummary() {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2035-07-02T02:00:00Z")));
    for (int i = 0; i < 3; i++) {
      append("D01", EntryKind.MEETING, "2035-03-0" + (i + 1));
    }
    append("D01", EntryKind.STUDY, "2035-04-01");
    append("D01", EntryKind.STUDY, "2035-05-01");
    append("D01", EntryKind.TALK, "2035-06-01");
    append("D01", EntryKind.MEETING, "2034-12-01"); // another half-year: not counted

    String campaign = start("2035H1");
    runJobs();
    ProcessInstance d01 = unitInstance("D01", "2035H1");
    Task edit = task(d01, Element.EditReport);
    String figures = (String) tasks.getVariable(edit.getId(), Variables.REPORT_FIGURES);
    assertThat(figures).contains("会议3次").contains("学习2次").contains("谈话1次").contains("检查0次");
    assertThat((String) tasks.getVariable(edit.getId(), Variables.REPORT_TEXT)).contains("区教育和体育局2035年上半年")
        .as("the draft names the signed checkpoint its figures rest on (none without a signing key)")
        .contains("纪实手册签名检查点：");

    assertThatThrownBy(() -> complete("d01staff", edit, Map.of(Variables.REPORT_TEXT, " ")))
        .isInstanceOf(InvalidInputException.class);
    complete("d01staff", edit, Map.of(Variables.REPORT_TEXT, "报告正文第一稿"));
    Task sign = task(d01, Element.SignReport);
    assertThatThrownBy(() -> complete("d01sec", sign, Map.of(Variables.DECISION, "RETURN")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("修改意见");
    complete("d01sec", sign, Map.of(Variables.DECISION, "RETURN", Variables.REVIEW_COMMENTS, "补充问题部分"));
    complete("d01staff", task(d01, Element.EditReport), Map.of(Variables.REPORT_TEXT, "报告正文第二稿"));
    complete("d01sec", task(d01, Element.SignReport), Map.of(Variables.DECISION, "SIGN"));
    complete("jiwei", task(d01, Element.ReviewReport),
        Map.of(Variables.DECISION, "RETURN", Variables.REVIEW_COMMENTS, "数字与纪实不符"));
    complete("d01staff", task(d01, Element.EditReport), Map.of(Variables.REPORT_TEXT, "报告正文定稿"));
    complete("d01sec", task(d01, Element.SignReport), Map.of(Variables.DECISION, "SIGN"));
    complete("jiwei", task(d01, Element.ReviewReport), Map.of(Variables.DECISION, "ACCEPT"));
    BpmnAwareTests.assertThat(d01).isEnded().hasPassed(Element.ReportAccepted.name());

    for (String unit : reports.unitCodes()) {
      if (!unit.equals("D01")) {
        ProcessInstance other = unitInstance(unit, "2035H1");
        complete(unit.toLowerCase() + "staff", task(other, Element.EditReport), Map.of(Variables.REPORT_TEXT, "正文"));
        complete(unit.toLowerCase() + "sec", task(other, Element.SignReport), Map.of(Variables.DECISION, "SIGN"));
        // level by level (review-routing.dmn): a village or section is reviewed by its parent, the rest by the
        // district commission
        String parent = units.findByCode(unit).orElseThrow().parentCode();
        Task review = task(other, Element.ReviewReport);
        if (parent == null) {
          BpmnAwareTests.assertThat(review).hasCandidateGroup(Groups.DISCIPLINE_COMMISSION);
        } else {
          BpmnAwareTests.assertThat(review).hasCandidateGroup(Groups.of(Role.SECRETARY, parent))
              .hasCandidateGroup(Groups.of(Role.INSPECTOR, parent));
          assertThat(tasks.getIdentityLinksForTask(review.getId())).noneMatch(link ->
              Groups.DISCIPLINE_COMMISSION.equals(link.getGroupId()));
        }
        complete(parent == null ? "jiwei" : parent.toLowerCase() + "sec", review, Map.of(Variables.DECISION, "ACCEPT"));
      }
    }
    runJobs();
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(campaign).count()).isZero();
    String summary = reports.summary(org.liangze.organisation.Official.of("jiwei", List.of(Groups.DISCIPLINE_COMMISSION)),
        "2035H1");
    assertThat(summary).contains("2035年上半年全区").contains("报告正文定稿").contains("会议3次");
  }

  @Test
  void theTimerStartsTheReportsTwiceAYearForTheHalfYearJustEnded() {
    Job timer = management.createJobQuery().processDefinitionKey(HalfYearReportProcess.KEY).timers().singleResult();
    assertThat(timer).as("the half-year timer is scheduled").isNotNull();
    ClockUtil.setCurrentTime(timer.getDuedate());
    management.executeJob(timer.getId());
    Job next = management.createJobQuery().processDefinitionKey(HalfYearReportProcess.KEY).timers().singleResult();
    assertThat(next.getDuedate()).isAfter(timer.getDuedate());
    ClockUtil.setCurrentTime(next.getDuedate());
    management.executeJob(next.getId());

    List<String> periods = runtime.createProcessInstanceQuery().processDefinitionKey(HalfYearReportProcess.KEY)
        .list().stream().map(pi -> (String) runtime.getVariable(pi.getId(), Variables.PERIOD)).toList();
    String first = HalfYear.endedBefore(timer.getDuedate().toInstant(), java.time.ZoneId.of("Asia/Shanghai")).toString();
    String second = HalfYear.endedBefore(next.getDuedate().toInstant(), java.time.ZoneId.of("Asia/Shanghai")).toString();
    assertThat(periods).contains(first, second);
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void aHalfYearStartsOnceAndBadPeriodsAreRefused() {
    start("2036H2");
    assertThatThrownBy(() -> start("2036H2")).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> start("2036H3")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> start("36H1")).isInstanceOf(InvalidInputException.class);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("report-2036H2").count()).isEqualTo(1);
  }

  private void append(String unit, EntryKind kind, String day) {
    record.append(new NewEntry(unit, kind, null, unit.toLowerCase() + "staff",
        Instant.parse(day + "T02:00:00Z"), "记录" + day, "补记", null, null, null));
  }

  private String start(String period) {
    identity.setAuthentication("jiwei", List.of(Groups.DISCIPLINE_COMMISSION));
    try {
      return campaigns.start(period).processInstanceId();
    } finally {
      identity.clearAuthentication();
    }
  }

  private void runJobs() {
    List<Job> jobs = executable();
    while (!jobs.isEmpty()) {
      jobs.forEach(job -> management.executeJob(job.getId()));
      jobs = executable();
    }
  }

  /** Asynchronous continuations only: timers (the report timer, the escalation patrol) fire when the test says. */
  private List<Job> executable() {
    return management.createJobQuery().withRetriesLeft().messages().list();
  }

  private ProcessInstance unitInstance(String unit, String period) {
    return runtime.createProcessInstanceQuery()
        .processInstanceBusinessKey(HalfYearReportProcess.unitBusinessKey(unit, period)).singleResult();
  }

  private Task task(ProcessInstance instance, Element element) {
    return tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(element.name())
        .singleResult();
  }

  private void complete(String userId, Task task, Map<String, Object> variables) {
    actAs.complete(userId, task, variables);
  }
}
