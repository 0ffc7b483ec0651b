package org.liangze.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
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
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.lists.ListItem;
import org.liangze.lists.ListKind;
import org.liangze.lists.ListService;
import org.liangze.lists.Responsibility;
import org.liangze.organisation.Groups;
import org.liangze.organisation.IdentitySync;
import org.liangze.organisation.Official;
import org.liangze.organisation.Role;
import org.liangze.platform.ConflictException;
import org.liangze.platform.InvalidInputException;
import org.liangze.rectification.LedgerSource;
import org.liangze.rectification.Rectification;
import org.liangze.rectification.RectificationProcess;
import org.liangze.rectification.RectificationStatus;
import org.liangze.rectification.Rectifications;
import org.liangze.record.RecordManual;
import org.liangze.selfcheck.UnitSelfCheckProcess.Element;
import org.liangze.selfcheck.UnitSelfCheckProcess.Variables;
import org.liangze.support.UnitWithoutInspector;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Every path of the quarterly self-check campaign, the unit self-check and the rectification models, driven through
 * the real entry point ({@link SelfCheckCampaigns}) and the quarterly timer on the real application; the job
 * executor is off and the test runs each job itself. Each test works on quarters of its own. Process test coverage
 * is measured and must reach every flow node and sequence flow of the three models.
 */
@SpringBootTest
@ActiveProfiles("test")
@Import({ProcessEngineCoverageConfiguration.class, SelfCheckProcessTest.FullCoverage.class})
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class SelfCheckProcessTest {

  @TestConfiguration
  static class FullCoverage {
    @Bean
    ProcessEngineCoverageProperties processEngineCoverageProperties() {
      return ProcessEngineCoverageProperties.Companion.builder().assertClassCoverageAtLeast(1.0).build();
    }
  }

  static final ZoneId DISTRICT = ZoneId.of("Asia/Shanghai");
  static final String D01 = "D01";

  @Autowired org.liangze.support.ActAs actAs;
  @Autowired UnitWithoutInspector unitWithoutInspector;
  @Autowired ProcessEngine engine;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired SelfCheckCampaigns campaigns;
  @Autowired SelfCheckService selfChecks;
  @Autowired Rectifications rectifications;
  @Autowired ListService lists;
  @Autowired RecordManual manual;
  @Autowired IdentityService identity;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService management;
  @Autowired JdbcClient jdbc;
  @Autowired ObjectMapper json;

  @BeforeEach
  void district() throws IOException {
    AbstractAssertions.reset();
    BpmnAwareTests.init(engine);
    if (district.seedIfEmpty(2024)) {
      identitySync.sync();
    }
  }

  @AfterEach
  void reset() {
    identity.clearAuthentication();
    ClockUtil.reset();
  }

  @Test
  void anAcceptedSelfCheckEndsTheUnitAndTheLastUnitEndsTheCampaign() throws IOException {
    // 2019: only D01 carries a list (a tailored one, no common list), so the campaign asks D01 alone
    lists.publish(ListKind.TAILORED, D01, 2019, List.of(
        new ListItem(Responsibility.MAIN, "廉政教育", "每季度开展一次廉政教育", "组织专题学习", "思想松懈", "每季度", "学习记录"),
        new ListItem(Responsibility.SUPERVISORY, "日常监督", "对重点岗位开展廉政谈话", "谈话提醒", "监督缺位", "每季度", "谈话记录")));
    ProcessInstance campaign = startCampaignOnTheListsThereAre("2019Q2");
    assertThat(campaign).isWaitingAt(QuarterlySelfCheckProcess.Element.UnitBatches.multiInstanceBody());
    assertThat(campaigns.unitsToCheck("2019Q2")).containsExactly(D01);
    runJobs(campaign);

    ProcessInstance unit = unitInstance(D01, "2019Q2");
    assertThat(unit).isWaitingAt(Element.AssessItems.name());
    // each item's 责任人 (by default the staff member for 主体责任, the inspector for 监督责任) gets their own rows
    Task assess = assessmentOf(unit, "d01staff");
    assertThat(assess.getName()).isEqualTo("逐项自查（" + unitName(D01) + "，2019年第2季度）");
    // the diagram (Modeler, Cockpit) and the activity's history name the step in plain words; the task's name
    // pattern is the element's extension property taskName (platform.TaskNamesPlugin)
    assertThat(engine.getRepositoryService().getBpmnModelInstance(unit.getProcessDefinitionId())
        .getModelElementById(Element.AssessItems.name()).getAttributeValue("name")).isEqualTo("逐项自查");
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(unit.getId())
        .activityId(Element.AssessItems.name()).list()).isNotEmpty()
        .allSatisfy(step -> assertThat(step.getActivityName()).isEqualTo("逐项自查"));
    assertThat(assess.getDueDate()).isCloseTo(Date.from(ClockUtil.getCurrentTime().toInstant()
        .plus(Duration.ofDays(10))), 60_000);
    List<Map<String, Object>> rows = rows(assess);
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("item").toString()).contains("个性清单第1项").contains("每季度开展一次廉政教育");
    Task inspectorsRows = assessmentOf(unit, "d01insp");
    assertThat(rows(inspectorsRows)).singleElement()
        .satisfies(row -> assertThat(row.get("item").toString()).contains("对重点岗位开展廉政谈话"));
    assertThat(assessments(unit)).hasSize(2);

    completeAs("d01insp", inspectorsRows, Map.of(Variables.ITEMS, assessed(rows(inspectorsRows), "DONE", "已组织学习")));
    assertThat(unit).isWaitingAt(Element.AssessItems.name());
    assertThat(selfCheck(D01, "2019Q2").status()).isEqualTo(SelfCheckStatus.ASSESSING);
    completeAs("d01staff", assess, Map.of(Variables.ITEMS, assessed(rows, "DONE", "已组织学习")));

    Task inspect = task(unit, Element.InspectSelfCheck);
    assertThat(inspect).hasCandidateGroup(Groups.of(Role.INSPECTOR, D01));
    assertThat(inspect.getName()).isEqualTo("纪检委员检查（" + unitName(D01) + "，2019年第2季度）");
    assertThat(inspect.getDueDate()).isCloseTo(Date.from(ClockUtil.getCurrentTime().toInstant()
        .plus(Duration.ofDays(3))), 60_000);
    assertThat(rows(inspect)).extracting(row -> row.get("assessedBy")).containsExactly("王芳", "李娜");
    assertThat(selfCheck(D01, "2019Q2").status()).isEqualTo(SelfCheckStatus.INSPECTING);
    completeAs("d01insp", inspect, Map.of(Variables.DECISION, "PASS"));
    Task signOff = task(unit, Element.SignOff);
    assertThat(signOff).hasCandidateGroup(Groups.of(Role.SECRETARY, D01));
    assertThat(signOff.getDueDate()).isNotNull();
    assertThat((String) taskService.getVariable(signOff.getId(), Variables.ASSESSMENT_SUMMARY))
        .contains("共2项").contains("已完成2项");
    completeAs("d01sec", signOff, Map.of(Variables.DECISION, "SIGN_OFF"));

    Task review = task(unit, Element.Review);
    assertThat(review).hasCandidateGroup(Groups.DISCIPLINE_COMMISSION);
    assertThat(taskService.getVariable(review.getId(), Variables.DECISION)).isNull();
    completeAs("jiwei", review, Map.of(Variables.DECISION, "ACCEPT", Variables.REVIEW_COMMENT, "自查认真"));

    assertThat(unit).isEnded().hasPassed(Element.SelfCheckAccepted.name());
    SelfCheck check = selfCheck(D01, "2019Q2");
    assertThat(check.status()).isEqualTo(SelfCheckStatus.ACCEPTED);
    assertThat(check.submittedBy()).isEqualTo("d01staff");
    assertThat(check.inspectedBy()).isEqualTo("d01insp");
    assertThat(check.signedOffBy()).isEqualTo("d01sec");
    assertThat(check.reviewedBy()).isEqualTo("jiwei");
    assertThat(check.results()).hasSize(2).allMatch(result -> result.status() == AssessmentStatus.DONE
        && "已组织学习".equals(result.note()));
    assertThat(check.results()).extracting(SelfCheck.Result::assessedBy).containsExactly("d01staff", "d01insp");
    // every completed task of the unit's self-check is in its record manual by itself
    assertThat(manual.entriesOf(D01)).anyMatch(entry -> entry.summary().contains("逐项自查"))
        .anyMatch(entry -> entry.summary().contains("书记审签") && entry.summary().contains("审签通过"));

    runJobs(campaign); // the unit's completion reaches the campaign in a transaction of its own
    assertThat(campaign).isEnded().hasPassed(QuarterlySelfCheckProcess.Element.AllUnitsChecked.name());
    SelfCheckCampaigns.Progress progress = campaigns.progress("2019Q2");
    assertThat(progress.units()).isEqualTo(1);
    assertThat(progress.selfChecks().get(SelfCheckStatus.ACCEPTED)).isEqualTo(1);
  }

  @Test
  void theSecretaryAndTheCommissionReturnTheSelfCheckWithTheirComments() throws IOException {
    ProcessInstance campaign = startCampaign("2020Q1");
    runJobs(campaign);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(UnitSelfCheckProcess.KEY)
        .superProcessInstanceId(campaign.getId()).count()).isEqualTo(campaigns.unitsToCheck("2020Q1").size())
        .isGreaterThan(5);
    ProcessInstance unit = unitInstance(D01, "2020Q1");

    // the common list's 主体责任 items are the secretary's by default, its 监督责任 items the inspector's; the
    // tailored items go to their 责任人
    Task assess = assessmentOf(unit, "d01sec");
    assertThat(assessments(unit)).hasSize(3);
    List<Map<String, Object>> rows = assessedRows(rows(assess), "DONE", null);
    assertThat(rows).allSatisfy(row -> assertThat(row.get("item").toString()).startsWith("共性清单"));
    rows.get(0).put("status", "NOT_DONE");
    rows.get(0).put("note", "  人员调整，尚未开展  ");
    completeAs("d01sec", assess, Map.of(Variables.ITEMS, json(rows)));
    assessTheRest(unit, D01);

    // the inspector returns it once, with a comment everyone sees; every share is open again with what it had
    assertThat(selfCheck(D01, "2020Q1").status()).isEqualTo(SelfCheckStatus.INSPECTING);
    completeAs("d01insp", task(unit, Element.InspectSelfCheck),
        Map.of(Variables.DECISION, "RETURN", Variables.INSPECTION_COMMENT, "第1项请补充原因"));
    assertThat(assessments(unit)).hasSize(3).allSatisfy(task -> assertThat(
        taskService.getVariable(task.getId(), Variables.RETURN_COMMENT)).isEqualTo("纪检委员退回：第1项请补充原因"));
    assertThat(selfCheck(D01, "2020Q1").status()).isEqualTo(SelfCheckStatus.ASSESSING);
    assertThat(rows(assessmentOf(unit, "d01sec")).get(0)).containsEntry("status", "NOT_DONE")
        .containsEntry("note", "人员调整，尚未开展");
    assessTheRest(unit, D01);
    completeAs("d01insp", task(unit, Element.InspectSelfCheck), Map.of(Variables.DECISION, "PASS"));
    assertThat(selfCheck(D01, "2020Q1").status()).isEqualTo(SelfCheckStatus.SIGNING_OFF);

    completeAs("d01sec", task(unit, Element.SignOff),
        Map.of(Variables.DECISION, "RETURN", Variables.SIGN_OFF_COMMENT, "第1项请写明下一步措施"));
    Task again = assessmentOf(unit, "d01sec");
    assertThat(taskService.getVariable(again.getId(), Variables.RETURN_COMMENT)).isEqualTo("书记退回：第1项请写明下一步措施");
    List<Map<String, Object>> previous = rows(again);
    assertThat(previous.get(0)).containsEntry("status", "NOT_DONE").containsEntry("note", "人员调整，尚未开展");
    assertThat(selfCheck(D01, "2020Q1").status()).isEqualTo(SelfCheckStatus.ASSESSING);
    previous.get(0).put("note", "人员调整，下季度第一个月补开");
    completeAs("d01sec", again, Map.of(Variables.ITEMS, json(previous)));
    assessTheRest(unit, D01);
    completeAs("d01insp", task(unit, Element.InspectSelfCheck), Map.of(Variables.DECISION, "PASS"));
    completeAs("d01sec", task(unit, Element.SignOff), Map.of(Variables.DECISION, "SIGN_OFF"));

    completeAs("jiwei", task(unit, Element.Review),
        Map.of(Variables.DECISION, "RETURN", Variables.REVIEW_COMMENT, "请补充佐证"));
    Task third = assessmentOf(unit, "d01sec");
    assertThat(taskService.getVariable(third.getId(), Variables.RETURN_COMMENT)).isEqualTo("纪委退回：请补充佐证");
    List<Map<String, Object>> withEvidence = rows(third);
    long seq = manual.entriesOf(D01).get(0).seq();
    withEvidence.get(0).put("records", "#" + seq);
    completeAs("d01sec", third, Map.of(Variables.ITEMS, json(withEvidence)));
    assessTheRest(unit, D01);
    completeAs("d01insp", task(unit, Element.InspectSelfCheck), Map.of(Variables.DECISION, "PASS"));
    completeAs("d01sec", task(unit, Element.SignOff), Map.of(Variables.DECISION, "SIGN_OFF"));
    completeAs("jiwei", task(unit, Element.Review), Map.of(Variables.DECISION, "ACCEPT"));

    assertThat(unit).isEnded().hasPassed(Element.SelfCheckAccepted.name());
    SelfCheck check = selfCheck(D01, "2020Q1");
    assertThat(check.results().get(0).status()).isEqualTo(AssessmentStatus.NOT_DONE);
    assertThat(check.results().get(0).note()).isEqualTo("人员调整，下季度第一个月补开");
    assertThat(check.results().get(0).recordEntries()).containsExactly(seq);
    assertThat(check.results()).hasSize(lists.effectiveItems(D01, 2020).size());
    assertThat(campaign).isActive(); // other units are still at work
  }

  @Test
  void rectificationIsOrderedCarriedOutAndVerifiedAfterANotYet() throws IOException {
    ProcessInstance campaign = startCampaign("2020Q2");
    runJobs(campaign);
    ProcessInstance unit = unitInstance(D01, "2020Q2");
    assessAll(unit, D01, "PARTLY", "部分落实");
    completeAs("d01insp", task(unit, Element.InspectSelfCheck), Map.of(Variables.DECISION, "PASS"));
    completeAs("d01sec", task(unit, Element.SignOff), Map.of(Variables.DECISION, "SIGN_OFF"));
    LocalDate deadline = LocalDate.now(DISTRICT).plusDays(30);
    completeAs("jiwei", task(unit, Element.Review), Map.of(Variables.DECISION, "RECTIFY",
        Variables.RECTIFICATION_REQUIREMENT, "  落实廉政谈话制度  ", Variables.RECTIFICATION_DEADLINE, deadline.toString()));
    assertThat(selfCheck(D01, "2020Q2").status()).isEqualTo(SelfCheckStatus.RECTIFYING);
    assertThat(unit).isWaitingAt(Element.Rectify.name());
    runJobs(unit); // the rectification starts after the review's transaction

    ProcessInstance rectification = runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(RectificationProcess.KEY).superProcessInstanceId(unit.getId()).singleResult();
    assertThat(rectification.getBusinessKey()).isEqualTo("selfcheck-D01-2020Q2");
    assertThat(runtimeService.getVariable(rectification.getId(), "unitCode")).isEqualTo(D01);
    Task plan = task(rectification, RectificationProcess.Element.PlanRectification);
    assertThat(plan).hasCandidateGroup(Groups.of(Role.SECRETARY, D01));
    assertThat(plan.getDueDate()).isNotNull();
    assertThat(taskService.getVariable(plan.getId(), "subject")).isEqualTo("落实廉政谈话制度");
    assertThat(taskService.getVariable(plan.getId(), "cause")).isEqualTo("2020年第2季度自查");
    assertThatThrownBy(() -> completeAs("d01sec", plan, Map.of("plan", " ")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("整改方案");
    completeAs("d01sec", plan, Map.of("plan", "每月开展一次谈话，由书记负责"));

    Task carryOut = task(rectification, RectificationProcess.Element.CarryOut);
    assertThat(carryOut).hasCandidateGroup(Groups.of(Role.STAFF, D01));
    // the carry-out task is due at the end of the rectification deadline, in the district's time zone
    assertThat(carryOut.getDueDate()).isEqualTo(Date.from(deadline.atTime(23, 59, 59).atZone(DISTRICT).toInstant()));
    assertThatThrownBy(() -> completeAs("d01staff", carryOut, Map.of("report", "已落实")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("佐证");
    assertThatThrownBy(() -> completeAs("d01staff", carryOut, Map.of("report", "已落实", "evidence", "abc123")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("佐证材料不存在");
    long seq = manual.entriesOf(D01).get(0).seq();
    completeAs("d01staff", carryOut, Map.of("report", "已开展一次谈话", "records", String.valueOf(seq)));

    Task verify = task(rectification, RectificationProcess.Element.VerifyRectification);
    assertThat(verify).hasCandidateGroup(Groups.DISCIPLINE_COMMISSION);
    assertThatThrownBy(() -> completeAs("jiwei", verify, Map.of("decision", "NOT_YET")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("验收意见");
    completeAs("jiwei", verify, Map.of("decision", "NOT_YET", "verificationComment", "谈话记录不完整"));

    Task carryOutAgain = task(rectification, RectificationProcess.Element.CarryOut);
    assertThat(taskService.getVariable(carryOutAgain.getId(), "verificationComment")).isEqualTo("谈话记录不完整");
    assertThat(taskService.getVariable(carryOutAgain.getId(), "decision")).isNull();
    completeAs("d01staff", carryOutAgain, Map.of("report", "已补齐谈话记录", "records", seq + " " + seq));
    completeAs("jiwei", task(rectification, RectificationProcess.Element.VerifyRectification),
        Map.of("decision", "VERIFIED", "verificationComment", "整改到位"));

    assertThat(rectification).isEnded().hasPassed(RectificationProcess.Element.RectificationVerified.name());
    assertThat(unit).isEnded().hasPassed(Element.SelfCheckRectified.name());
    SelfCheck check = selfCheck(D01, "2020Q2");
    assertThat(check.status()).isEqualTo(SelfCheckStatus.RECTIFIED);
    Rectification stored = rectifications.rectification(check.rectificationId());
    assertThat(stored.status()).isEqualTo(RectificationStatus.VERIFIED);
    assertThat(stored.source()).isEqualTo(LedgerSource.SELF_CHECK);
    assertThat(stored.deadline()).isEqualTo(deadline);
    assertThat(stored.plan()).isEqualTo("每月开展一次谈话，由书记负责");
    assertThat(stored.report()).isEqualTo("已补齐谈话记录");
    assertThat(stored.recordRefs()).isEqualTo(String.valueOf(seq));
    assertThat(stored.verifiedBy()).isEqualTo("jiwei");
    assertThat(stored.verifiedAt()).isNotNull();
    assertThat(rectifications.visibleRectifications(Official.of("d01staff", List.of("unitD01staff")), D01))
        .extracting(Rectification::id).contains(stored.id());
  }

  @Test
  void badInputIsRefusedAndChangesNothing() throws IOException {
    asCommission(() -> {
      assertThatThrownBy(() -> campaigns.start("2020Q5")).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("季度格式");
      assertThatThrownBy(() -> campaigns.start(null)).isInstanceOf(InvalidInputException.class);
      assertThatThrownBy(() -> campaigns.start("2099Q1")).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("尚未开始");
      assertThatThrownBy(() -> campaigns.start("2001Q1")).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("清单");
    });
    assertThat(jdbc.sql("select count(*) from self_check_campaigns where check_quarter in ('2099Q1', '2001Q1')")
        .query(Long.class).single()).isZero();

    ProcessInstance campaign = startCampaign("2020Q3");
    runJobs(campaign);
    ProcessInstance unit = unitInstance(D01, "2020Q3");
    Task assess = assessmentOf(unit, "d01sec");
    List<Map<String, Object>> rows = assessedRows(rows(assess), "DONE", null);
    rows.get(1).put("status", null);
    assertThatThrownBy(() -> completeAs("d01sec", assess, Map.of(Variables.ITEMS, json(rows))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("第2项").hasMessageContaining("完成情况");
    List<Map<String, Object>> missing = assessedRows(rows(assess), "DONE", null);
    missing.remove(0);
    assertThatThrownBy(() -> completeAs("d01sec", assess, Map.of(Variables.ITEMS, json(missing))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("缺少事项");
    List<Map<String, Object>> badRecord = assessedRows(rows(assess), "DONE", null);
    badRecord.get(0).put("records", "999999");
    assertThatThrownBy(() -> completeAs("d01sec", assess, Map.of(Variables.ITEMS, json(badRecord))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("999999");
    assertThatThrownBy(() -> completeAs("d01sec", assess, Map.of(Variables.ITEMS, "not json")))
        .isInstanceOf(InvalidInputException.class);
    // another share's row is not the secretary's to assess
    List<Map<String, Object>> othersRow = assessedRows(rows(assess), "DONE", null);
    othersRow.addAll(assessedRows(rows(assessmentOf(unit, "d01insp")), "DONE", null));
    assertThatThrownBy(() -> completeAs("d01sec", assess, Map.of(Variables.ITEMS, json(othersRow))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("不在本任务的事项中");
    // a 责任人's task is theirs alone
    assertThatThrownBy(() -> completeAs("d01staff", assessmentOf(unit, "d01insp"),
        Map.of(Variables.ITEMS, assessed(rows(assessmentOf(unit, "d01insp")), "DONE", null))))
        .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
    assertThat(taskService.createTaskQuery().taskId(assess.getId()).count()).isEqualTo(1);
    assertThat(selfCheck(D01, "2020Q3").results()).isEmpty();
    assertThat(selfCheck(D01, "2020Q3").status()).isEqualTo(SelfCheckStatus.ASSESSING);

    assessAll(unit, D01, "DONE", null);
    Task inspect = task(unit, Element.InspectSelfCheck);
    assertThatThrownBy(() -> completeAs("d01insp", inspect, Map.of(Variables.DECISION, "RETURN")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("退回意见");
    assertThatThrownBy(() -> completeAs("d01insp", inspect, Map.of(Variables.DECISION, "MAYBE")))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> completeAs("d01staff", inspect, Map.of(Variables.DECISION, "PASS")))
        .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
    assertThat(selfCheck(D01, "2020Q3").status()).isEqualTo(SelfCheckStatus.INSPECTING);
    completeAs("d01insp", inspect, Map.of(Variables.DECISION, "PASS"));
    Task signOff = task(unit, Element.SignOff);
    assertThatThrownBy(() -> completeAs("d01sec", signOff, Map.of(Variables.DECISION, "RETURN")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("退回意见");
    assertThatThrownBy(() -> completeAs("d01sec", signOff, Map.of(Variables.DECISION, "MAYBE")))
        .isInstanceOf(InvalidInputException.class);
    completeAs("d01sec", signOff, Map.of(Variables.DECISION, "SIGN_OFF"));

    Task review = task(unit, Element.Review);
    assertThatThrownBy(() -> completeAs("jiwei", review, Map.of(Variables.DECISION, "RETURN")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("审核意见");
    assertThatThrownBy(() -> completeAs("jiwei", review, Map.of(Variables.DECISION, "RECTIFY",
        Variables.RECTIFICATION_DEADLINE, LocalDate.now(DISTRICT).plusDays(9).toString())))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("整改要求");
    assertThatThrownBy(() -> completeAs("jiwei", review, Map.of(Variables.DECISION, "RECTIFY",
        Variables.RECTIFICATION_REQUIREMENT, "整改")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("整改期限");
    assertThatThrownBy(() -> completeAs("jiwei", review, Map.of(Variables.DECISION, "RECTIFY",
        Variables.RECTIFICATION_REQUIREMENT, "整改", Variables.RECTIFICATION_DEADLINE, LocalDate.now(DISTRICT).toString())))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("晚于今天");
    assertThatThrownBy(() -> completeAs("jiwei", review, Map.of(Variables.DECISION, "RECTIFY",
        Variables.RECTIFICATION_REQUIREMENT, "整改", Variables.RECTIFICATION_DEADLINE, "下个月")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("格式");
    assertThat(taskService.createTaskQuery().taskId(review.getId()).count()).isEqualTo(1);
    assertThat(selfCheck(D01, "2020Q3").status()).isEqualTo(SelfCheckStatus.REVIEWING);

    // another unit's staff cannot see the task at all
    assertThatThrownBy(() -> completeAs("d02staff", task(unit, Element.Review), Map.of(Variables.DECISION, "ACCEPT")))
        .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
  }

  /** A unit with no 纪检委员 in the organisation skips the inspection: its assessment goes to the secretary. */
  @Test
  void aUnitWithoutAnInspectorGoesFromItsAssessmentStraightToItsSecretary() throws IOException {
    unitWithoutInspector.addIfMissing();
    ProcessInstance campaign = startCampaign("2018Q3");
    runJobs(campaign);
    ProcessInstance unit = unitInstance(UnitWithoutInspector.CODE, "2018Q3");
    assertThat(runtimeService.getVariable(unit.getId(), Variables.INSPECTOR_CHECK)).isEqualTo(false);
    // no tailored list and no 纪检委员: every common row is the secretary's
    assertThat(assessments(unit)).singleElement()
        .satisfies(task -> assertThat(task.getAssignee()).isEqualTo(UnitWithoutInspector.SECRETARY));
    assessAll(unit, UnitWithoutInspector.CODE, "DONE", "已落实");

    assertThat(unit).isWaitingAt(Element.SignOff.name()).hasPassed(Element.AssessmentAssembled.name())
        .hasNotPassed(Element.InspectSelfCheck.name());
    assertThat(selfCheck(UnitWithoutInspector.CODE, "2018Q3").status()).isEqualTo(SelfCheckStatus.SIGNING_OFF);
    completeAs(UnitWithoutInspector.SECRETARY, task(unit, Element.SignOff), Map.of(Variables.DECISION, "SIGN_OFF"));
    completeAs("jiwei", task(unit, Element.Review), Map.of(Variables.DECISION, "ACCEPT"));
    assertThat(unit).isEnded().hasPassed(Element.SelfCheckAccepted.name());
    SelfCheck check = selfCheck(UnitWithoutInspector.CODE, "2018Q3");
    assertThat(check.inspectedBy()).isNull();
    assertThat(check.results()).isNotEmpty()
        .allMatch(result -> UnitWithoutInspector.SECRETARY.equals(result.assessedBy()));
  }

  @Test
  void startingTheSameQuarterTwiceIsRefusedAndStartsNothingTwice() throws IOException {
    ProcessInstance campaign = startCampaign("2020Q4");
    asCommission(() -> assertThatThrownBy(() -> campaigns.start("2020Q4")).isInstanceOf(ConflictException.class));
    // also straight through the engine, bypassing the service's pre-check
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(QuarterlySelfCheckProcess.KEY,
        withVariables(QuarterlySelfCheckProcess.Variables.QUARTER, "2020q4")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("已经启动");
    // only the commission may start a campaign
    identity.setAuthentication("d01sec", List.of(Groups.of(Role.SECRETARY, D01)));
    try {
      assertThatThrownBy(() -> campaigns.start("2018Q1")).isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
    } finally {
      identity.clearAuthentication();
    }
    runJobs(campaign);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(QuarterlySelfCheckProcess.KEY)
        .processInstanceBusinessKey("selfcheck-2020Q4").count()).isEqualTo(1);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(UnitSelfCheckProcess.KEY)
        .processInstanceBusinessKey("selfcheck-D01-2020Q4").count()).isEqualTo(1);
    // a unit sub-process started again for the same unit and quarter is refused by the self_checks key
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(UnitSelfCheckProcess.KEY,
        Map.of(Variables.UNIT_CODE, D01, Variables.QUARTER, "2020Q4")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("不能重复");
  }

  /**
   * A year of the engine's clock: the quarterly timer fires on the first day of each quarter and starts the quarter
   * that has just ended; the quarter a supervisor had already started is not started again.
   */
  /**
   * A unit's self-check started straight through the engine, with the unit and quarter written loosely, is opened and
   * kept under their canonical form, which the campaign's call activity passes as it is.
   */
  @Test
  void aUnitSelfCheckStartedThroughTheEngineKeepsItsUnitAndQuarterInCanonicalForm() throws IOException {
    startCampaign("2017Q2");
    ProcessInstance unit = runtimeService.startProcessInstanceByKey(UnitSelfCheckProcess.KEY,
        Map.of(Variables.UNIT_CODE, " " + D01 + " ", Variables.QUARTER, "2017q2"));
    assertThat(runtimeService.getVariable(unit.getId(), Variables.UNIT_CODE)).isEqualTo(D01);
    assertThat(runtimeService.getVariable(unit.getId(), Variables.QUARTER)).isEqualTo("2017Q2");
    assertThat(selfCheck(D01, "2017Q2").status()).isEqualTo(SelfCheckStatus.ASSESSING);
  }

  @Test
  void theQuarterlyTimerFiresFourTimesAYearAndStartsNothingTwice() throws IOException {
    district.publishLists(2021);
    ClockUtil.setCurrentTime(at(LocalDateTime.of(2021, 3, 15, 12, 0)));
    Job timer = startTimer();
    management.recalculateJobDuedate(timer.getId(), false);
    assertThat(startTimer().getDuedate()).isAfter(at(LocalDateTime.of(2021, 3, 31, 0, 0)))
        .isBefore(at(LocalDateTime.of(2021, 4, 2, 0, 0)));

    Date end = at(LocalDateTime.of(2022, 3, 14, 12, 0));
    int fired = 0;
    boolean supervisorStarted = false;
    for (Job job = startTimer(); !job.getDuedate().after(end); job = startTimer()) {
      if (!supervisorStarted && job.getDuedate().after(at(LocalDateTime.of(2021, 6, 30, 0, 0)))) {
        // before the July timer, the commission starts the second quarter on demand
        ClockUtil.setCurrentTime(at(LocalDateTime.of(2021, 6, 20, 10, 0)));
        startCampaign("2021Q2");
        supervisorStarted = true;
      }
      ClockUtil.setCurrentTime(job.getDuedate());
      management.executeJob(job.getId());
      fired++;
    }
    assertThat(fired).isEqualTo(4);
    assertThat(jdbc.sql("select check_quarter from self_check_campaigns where check_year = 2021 order by 1")
        .query(String.class).list()).containsExactly("2021Q1", "2021Q2", "2021Q3", "2021Q4");
    assertThat(jdbc.sql("select started_by from self_check_campaigns where check_quarter = '2021Q2'")
        .query(String.class).single()).isEqualTo("jiwei");
    for (String quarter : List.of("2021Q1", "2021Q2", "2021Q3", "2021Q4")) {
      assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(QuarterlySelfCheckProcess.KEY)
          .processInstanceBusinessKey("selfcheck-" + quarter).count()).as(quarter).isEqualTo(1);
    }
    // the July timer found 2021Q2 started and ended quietly, keeping its schedule
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
        .activityId(QuarterlySelfCheckTimerProcess.Element.NothingStarted.name()).count()).isEqualTo(1);
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
        .activityId(QuarterlySelfCheckTimerProcess.Element.CampaignLaunched.name()).count()).isEqualTo(3);
    assertThat(startTimer().getDuedate()).isAfter(end);

    // a timer-started campaign runs like any other
    ProcessInstance q3 = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("selfcheck-2021Q3")
        .singleResult();
    assertThat(q3).isWaitingAt(QuarterlySelfCheckProcess.Element.UnitBatches.multiInstanceBody());
    runJobs(q3);
    assertThat(assessmentOf(unitInstance(D01, "2021Q3"), "d01sec").getDueDate())
        .isEqualTo(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(10))));
  }

  // --- helpers

  private Job startTimer() {
    return management.createJobQuery().timers().processDefinitionKey(QuarterlySelfCheckTimerProcess.KEY)
        .singleResult();
  }

  private static Date at(LocalDateTime time) {
    return Date.from(time.atZone(DISTRICT).toInstant());
  }

  /** Starts the quarter's campaign as the commission, with the demo district's lists of its year. */
  private ProcessInstance startCampaign(String quarter) throws IOException {
    district.publishLists(Integer.parseInt(quarter.substring(0, 4)));
    return startCampaignOnTheListsThereAre(quarter);
  }

  private ProcessInstance startCampaignOnTheListsThereAre(String quarter) {
    identity.setAuthentication("jiwei", List.of(Groups.DISCIPLINE_COMMISSION));
    try {
      String id = campaigns.start(quarter).processInstanceId();
      return runtimeService.createProcessInstanceQuery().processInstanceId(id).singleResult();
    } finally {
      identity.clearAuthentication();
    }
  }

  private void asCommission(Runnable action) {
    identity.setAuthentication("jiwei", List.of(Groups.DISCIPLINE_COMMISSION));
    try {
      action.run();
    } finally {
      identity.clearAuthentication();
    }
  }

  private ProcessInstance unitInstance(String unitCode, String quarter) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(UnitSelfCheckProcess.KEY)
        .processInstanceBusinessKey(UnitSelfCheckProcess.businessKey(unitCode, Quarter.parse(quarter))).singleResult();
  }

  private Task task(ProcessInstance instance, Enum<?> element) {
    return taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(element.name())
        .singleResult();
  }

  /** The unit's open assessment tasks, one per share. */
  private List<Task> assessments(ProcessInstance instance) {
    return taskService.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(Element.AssessItems.name()).list();
  }

  /** The open assessment of a 责任人 (assignee), or of the staff (null: the unassigned one). */
  private Task assessmentOf(ProcessInstance instance, String assignee) {
    return assessments(instance).stream().filter(task -> java.util.Objects.equals(assignee, task.getAssignee()))
        .findFirst().orElseThrow();
  }

  /** Completes every open share as its 责任人 or the unit's staff, each row with the status and note given. */
  private void assessAll(ProcessInstance instance, String unitCode, String status, String note) {
    for (Task task : assessments(instance)) {
      completeAs(assessorOf(task, unitCode), task, Map.of(Variables.ITEMS, assessed(rows(task), status, note)));
    }
  }

  /** Completes every open share as it stands (rows not assessed yet: done). */
  private void assessTheRest(ProcessInstance instance, String unitCode) {
    for (Task task : assessments(instance)) {
      List<Map<String, Object>> rows = rows(task);
      rows.stream().filter(row -> row.get("status") == null).forEach(row -> row.put("status", "DONE"));
      completeAs(assessorOf(task, unitCode), task, Map.of(Variables.ITEMS, json(rows)));
    }
  }

  private static String assessorOf(Task task, String unitCode) {
    return task.getAssignee() != null ? task.getAssignee() : unitCode.toLowerCase() + "staff";
  }

  private String unitName(String unitCode) {
    return selfChecks.unitNameOf(unitCode);
  }

  private SelfCheck selfCheck(String unitCode, String quarter) {
    return selfChecks.visibleSelfChecks(Official.of("jiwei", List.of(Groups.DISCIPLINE_COMMISSION)), unitCode,
        quarter).get(0);
  }

  private List<Map<String, Object>> rows(Task task) {
    Object value = taskService.getVariable(task.getId(), Variables.ITEMS);
    try {
      return json.readValue(value.toString(), new TypeReference<List<Map<String, Object>>>() { });
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Object assessed(List<Map<String, Object>> rows, String status, String note) {
    return json(assessedRows(rows, status, note));
  }

  private List<Map<String, Object>> assessedRows(List<Map<String, Object>> rows, String status, String note) {
    List<Map<String, Object>> assessed = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      Map<String, Object> copy = new HashMap<>(row);
      copy.put("status", status);
      copy.put("note", note);
      assessed.add(copy);
    }
    return assessed;
  }

  private Object json(Object rows) {
    try {
      return SpinValues.jsonValue(json.writeValueAsString(rows)).create();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void completeAs(String userId, Task task, Map<String, Object> variables) {
    actAs.complete(userId, task, variables);
  }

  private void runJobs(ProcessInstance instance) {
    List<Job> jobs = management.createJobQuery().processInstanceId(instance.getId()).list();
    while (!jobs.isEmpty()) {
      jobs.forEach(job -> management.executeJob(job.getId()));
      jobs = management.createJobQuery().processInstanceId(instance.getId()).list();
    }
  }
}
