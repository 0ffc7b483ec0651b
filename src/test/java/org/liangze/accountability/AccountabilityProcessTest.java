package org.liangze.accountability;

import static org.liangze.support.CaseSubjects.investigation;
import static org.liangze.support.CaseSubjects.subject;

import org.liangze.escalation.AccountabilityRequested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
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
import org.liangze.accountability.AccountabilityProcess.Element;
import org.liangze.accountability.AccountabilityProcess.Variables;
import org.liangze.demo.DemoDistrict;
import org.liangze.notification.NotificationDeliveryProcess;
import org.liangze.organisation.Groups;
import org.liangze.organisation.IdentitySync;
import org.liangze.organisation.Role;
import org.liangze.platform.ConflictException;
import org.liangze.platform.InvalidInputException;
import org.liangze.rectification.RectificationProcess;
import org.liangze.record.RecordManual;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Every path of the accountability model on the real application (H2, job executor off: the test runs its own
 * instances' message jobs, and fires the consequence-period timers itself after moving the engine's clock). Each
 * test works on causes of its own. Process test coverage must reach every flow node and sequence flow of the model;
 * the rectification and notification-delivery models it calls have their own tests.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({ProcessEngineCoverageConfiguration.class, AccountabilityProcessTest.FullCoverage.class})
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class AccountabilityProcessTest {

  static final String PASSWORD = "accountability-test-pw";

  @TestConfiguration
  static class FullCoverage {
    @Bean
    ProcessEngineCoverageProperties processEngineCoverageProperties() {
      return ProcessEngineCoverageProperties.Companion.builder().assertClassCoverageAtLeast(1.0)
          .excludeProcessDefinitionKeys(RectificationProcess.KEY, NotificationDeliveryProcess.KEY).build();
    }
  }

  static final ZoneId DISTRICT = ZoneId.of("Asia/Shanghai");
  static final String D01 = "D01";
  static final String D02 = "D02";

  @Autowired ProcessEngine engine;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired AccountabilityCases cases;
  @Autowired PublicNotices notices;
  @Autowired RecordManual manual;
  @Autowired IdentityService identity;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService management;
  @Autowired JdbcClient jdbc;
  @Autowired ObjectMapper json;
  @Autowired ApplicationEventPublisher events;
  @Autowired MockMvc http;

  @BeforeEach
  void district() throws IOException {
    AbstractAssertions.reset();
    BpmnAwareTests.init(engine);
    if (district.seedIfEmpty(2024)) {
      identitySync.sync();
    }
    for (String reader : List.of("d02staff", "t01v01staff", "d01sec")) {
      org.camunda.bpm.engine.identity.User user = identity.createUserQuery().userId(reader).singleResult();
      user.setPassword(PASSWORD);
      identity.saveUser(user);
    }
  }

  @AfterEach
  void reset() {
    identity.clearAuthentication();
    ClockUtil.reset();
  }

  @Test
  void aCaseClosedAtVerificationStartsFromEvidenceAndIsOnePerUnitAndCause() throws IOException {
    String cause = "群众举报：违规收受礼品（关闭测试）";
    jdbc.sql("""
            insert into escalation_steps (task_id, task_name, unit_code, process_instance_id, level, due_at, taken_at)
            values ('acc-test-task', '逐项自查（测试）', 'D01', null, 'OVERDUE', ?, ?)""")
        .params(Instant.now().minusSeconds(86_400).atOffset(ZoneOffset.UTC), Instant.now().atOffset(ZoneOffset.UTC))
        .update();
    ProcessInstance instance = start(D01, cause, "COMPLAINT");
    AccountabilityCase registered = caseOf(instance);
    assertThat(registered.status()).isEqualTo("REGISTERED");
    assertThat(registered.source()).isEqualTo(CaseSource.COMPLAINT);
    assertThat(registered.startedBy()).isEqualTo("jiwei");
    assertThat(instance.getBusinessKey()).isEqualTo("case-D01-" + registered.id());
    assertThat(instance).isWaitingAt(Element.CollectEvidence.name());

    // one case per unit and cause, however it is started; only the commission opens cases
    asCommission(() -> assertThatThrownBy(() -> cases.start(D01, cause, "INSPECTION"))
        .isInstanceOf(ConflictException.class).hasMessageContaining("不能重复立案"));
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(AccountabilityProcess.KEY,
        Map.of(Variables.UNIT_CODE, D01, Variables.CAUSE, cause, Variables.SOURCE, "INSPECTION")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("不能重复立案");
    asCommission(() -> {
      assertThatThrownBy(() -> cases.start(D01, " ", "COMPLAINT")).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("问责事由");
      assertThatThrownBy(() -> cases.start("X99", "事由", "COMPLAINT")).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("没有这个单位");
      assertThatThrownBy(() -> cases.start(D01, "事由", "RUMOUR")).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("问责来源");
      assertThatThrownBy(() -> cases.start(D01, "事由", "ESCALATION")).isInstanceOf(InvalidInputException.class);
    });
    identity.setAuthentication("d01sec", List.of(Groups.of(Role.SECRETARY, D01)));
    try {
      assertThatThrownBy(() -> cases.start(D01, "书记自行立案", "COMPLAINT")).isInstanceOf(AuthorizationException.class);
    } finally {
      identity.clearAuthentication();
    }

    runJobs(instance);
    Task verify = task(instance, Element.VerifyCase);
    assertThat(verify).hasCandidateGroup(Groups.DISCIPLINE_COMMISSION);
    assertThat(verify.getDueDate()).isNotNull();
    assertThat(verify.getName()).startsWith("初步核实（");
    String dossier = (String) taskService.getVariable(verify.getId(), Variables.DOSSIER);
    assertThat(dossier).contains(cause).contains("一、纪实手册记录").contains("二、逾期督责记录")
        .contains("逾期督办：逐项自查（测试）").contains("三、季度自查");
    assertThat(caseOf(instance).dossier()).isEqualTo(dossier);

    assertThatThrownBy(() -> completeAs("jiwei", verify, Map.of(Variables.DECISION, "CLOSE")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("理由");
    assertThatThrownBy(() -> completeAs("jiwei", verify, Map.of(Variables.DECISION, "MAYBE")))
        .isInstanceOf(InvalidInputException.class);
    completeAs("jiwei", verify, Map.of(Variables.DECISION, "CLOSE", Variables.VERIFICATION_NOTE, "经核实，反映问题不属实"));

    assertThat(instance).isEnded().hasPassed(Element.CaseClosed.name());
    assertThat(caseOf(instance).status()).isEqualTo("CLOSED");
    assertThat(caseOf(instance).verificationNote()).isEqualTo("经核实，反映问题不属实");
    assertThat(manual.entriesOf(D01)).anyMatch(entry -> entry.summary().contains("初步核实"));
  }

  @Test
  void dualInvestigationMeasuresApprovedOrOverriddenRectifiedAndConsequencePeriodsReminded() throws Exception {
    ProcessInstance instance = toInvestigations(D01, "检查发现：廉政风险防控流于形式（双查测试）");
    Task main = task(instance, Element.InvestigateMain);
    Task supervisory = task(instance, Element.InvestigateSupervisory);
    assertThat(main).hasCandidateGroup(Groups.DISCIPLINE_COMMISSION);
    assertThat(supervisory).hasCandidateGroup(Groups.DISCIPLINE_COMMISSION);
    assertThat(main.getDueDate()).isNotNull();

    assertThatThrownBy(() -> completeAs("jiwei", supervisory, investigation("supervisory", spin(List.of()))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("至少");
    assertThatThrownBy(() -> completeAs("jiwei", supervisory, investigation("supervisory",
        spin(List.of(subject("李四", "LEADER", "IMPORTANT", null, "NONE"))))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("情节");
    // a tier is asked of persons only: a leader needs one, an organisation's is ignored
    assertThatThrownBy(() -> completeAs("jiwei", supervisory, investigation("supervisory",
        spin(List.of(subject("李四", "LEADER", null, "MINOR", "NONE"))))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("领导责任");
    Map<String, Object> noFacts = investigation("supervisory",
        spin(List.of(subject("李四", "LEADER", "IMPORTANT", "MINOR", "NONE"))));
    noFacts.remove(Variables.SUPERVISORY_FACTS);
    assertThatThrownBy(() -> completeAs("jiwei", supervisory, noFacts))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("事实");
    Map<String, Object> unknownLogin = subject("张三丰", "LEADER", "PRINCIPAL", "SERIOUS", "AGGRAVATED");
    unknownLogin.put("userId", "nobody-here");
    assertThatThrownBy(() -> completeAs("jiwei", main, investigation("main", spin(List.of(unknownLogin)))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("没有平台账号");
    Map<String, Object> secretary = subject("张三丰", "LEADER", "PRINCIPAL", "SERIOUS", "AGGRAVATED");
    secretary.put("userId", "d01sec");
    completeAs("jiwei", main, investigation("main", spin(List.of(
        subject("中共某局党组", "ORGANISATION", "PRINCIPAL", "SERIOUS", "NONE"), secretary))));
    assertThat(instance).isWaitingAt(Element.InvestigateSupervisory.name());
    Map<String, Object> suspected = subject("李四", "LEADER", "IMPORTANT", "MINOR", "LIGHTER");
    suspected.put("suspectedCrime", true);
    completeAs("jiwei", supervisory, investigation("supervisory", spin(List.of(suspected))));
    long investigated = caseOf(instance).id();

    // 陈述和申辩: one task per subject; a leader with a login answers in person, an organisation by its secretary
    List<Task> defences = taskService.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(Element.StatementAndDefence.name()).list();
    assertThat(defences).extracting(Task::getName).containsExactlyInAnyOrder("陈述和申辩（中共某局党组）",
        "陈述和申辩（张三丰）", "陈述和申辩（李四）");
    Task zhang = defences.stream().filter(t -> t.getName().contains("张三丰")).findFirst().orElseThrow();
    assertThat(zhang.getAssignee()).isEqualTo("d01sec");
    assertThat((String) taskService.getVariable(zhang.getId(), Variables.CHARGES)).contains("经调查")
        .contains("张三丰未认真履行职责");
    Task party = defences.stream().filter(t -> t.getName().contains("党组")).findFirst().orElseThrow();
    assertThat(party).hasCandidateGroup(Groups.of(Role.SECRETARY, D01));
    Task li = defences.stream().filter(t -> t.getName().contains("李四")).findFirst().orElseThrow();
    assertThat(li).hasCandidateGroup(Groups.DISCIPLINE_COMMISSION);
    assertThatThrownBy(() -> completeAs("d01sec", zhang, Map.of(Variables.DEFENCE_WAIVED, false)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("陈述内容");
    completeAs("d01sec", zhang, Map.of(Variables.STATEMENT, "本人对问题负有责任，但已及时整改", Variables.DEFENCE_POINTS,
        spin(List.of(Map.of("point", "问题发现后一周内已整改完毕"), Map.of("point", "系前任遗留问题")))));
    completeAs("d01sec", party, Map.of(Variables.DEFENCE_WAIVED, true));
    completeAs("jiwei", li, Map.of(Variables.DEFENCE_WAIVED, true));
    Task review = task(instance, Element.ReviewDefence);
    assertThat(review).hasCandidateGroup(Groups.DISCIPLINE_COMMISSION);
    assertThat((String) taskService.getVariable(review.getId(), Variables.STATEMENTS))
        .contains("张三丰：本人对问题负有责任").contains("李四：放弃陈述和申辩");
    List<Map<String, Object>> points = rows(review, Variables.DEFENCE_REVIEW);
    assertThat(points).extracting(row -> row.get("subject") + ":" + row.get("point"))
        .containsExactly("张三丰:问题发现后一周内已整改完毕", "张三丰:系前任遗留问题");
    points.get(0).put("decision", "ADOPT");
    points.get(0).put("reason", "经核实属实");
    points.get(1).put("decision", "REJECT");
    assertThatThrownBy(() -> completeAs("jiwei", review, Map.of(Variables.DEFENCE_REVIEW, spin(points))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("理由");
    assertThatThrownBy(() -> completeAs("jiwei", review, Map.of(Variables.DEFENCE_REVIEW, spin(points.subList(0, 1)))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("每一条都要答复");
    points.get(1).put("reason", "其任职期间问题仍持续");
    completeAs("jiwei", review, Map.of(Variables.DEFENCE_REVIEW, spin(points)));
    assertThat(instance).isWaitingAt(Element.ProposeMeasures.name() + "#multiInstanceBody");
    assertThat(cases.subjects(investigated)).extracting(s -> s.name() + ":" + s.tier() + ":" + s.grounds())
        .containsExactlyInAnyOrder("中共某局党组:null:NONE", "张三丰:PRINCIPAL:AGGRAVATED", "李四:IMPORTANT:LIGHTER");
    assertThat(cases.view(org.liangze.organisation.Official.of("jiwei", List.of(Groups.DISCIPLINE_COMMISSION)),
        investigated).investigations()).extracting(Investigation::responsibility)
        .containsExactly("MAIN", "SUPERVISORY");
    runJobs(instance);
    // the business rule task evaluated the measures table once per subject, linked to the case (as Cockpit shows)
    assertThat(engine.getHistoryService().createHistoricDecisionInstanceQuery().processInstanceId(instance.getId())
        .decisionDefinitionKey(AccountabilityProcess.DECISION_KEY).count()).isEqualTo(3);

    Task approve = task(instance, Element.ApproveMeasures);
    assertThat(approve).hasCandidateGroup(Groups.DISTRICT_COMMITTEE);
    List<Map<String, Object>> rows = rows(approve, Variables.MEASURES);
    // a Party organisation and a leader in one investigation, a leader with lightening circumstances in the other
    assertThat(rows).extracting(row -> row.get("subject") + "=" + row.get("proposed") + "/" + row.get("form"))
        .containsExactlyInAnyOrder("中共某局党组（党组织，主体责任）=通报/1", "张三丰（领导干部，主体责任）=纪律处分/2",
            "张三丰（领导干部，主体责任）=组织调整或组织处理/2", "李四（领导干部，监督责任）=通报/1",
            "李四（领导干部，监督责任）=移送监察机关/4");

    String deadline = LocalDate.now(DISTRICT).plusDays(30).toString();
    List<Map<String, Object>> decided = decide(rows, "APPROVE");
    Map<String, Object> adjustment = decided.stream()
        .filter(row -> "组织调整或组织处理".equals(row.get("proposed"))).findFirst().orElseThrow();
    adjustment.put("decision", "OVERRIDE");
    adjustment.put("finalMeasure", "诫勉");
    assertThatThrownBy(() -> completeAs("quwei", approve, approval(decided, deadline, false)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("必须写明理由");
    adjustment.put("finalMeasure", "改组");
    adjustment.put("reason", "积极配合调查");
    assertThatThrownBy(() -> completeAs("quwei", approve, approval(decided, deadline, false)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("适用于该对象");
    adjustment.put("finalMeasure", "诫勉");
    Map<String, Object> referral = decided.stream()
        .filter(row -> "移送监察机关".equals(row.get("proposed"))).findFirst().orElseThrow();
    referral.put("decision", "OVERRIDE");
    referral.put("finalMeasure", "诫勉");
    referral.put("reason", "不移送");
    assertThatThrownBy(() -> completeAs("quwei", approve, approval(decided, deadline, false)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("只能同意");
    referral.put("decision", "APPROVE");
    adjustment.put("finalMeasure", "纪律处分");
    assertThatThrownBy(() -> completeAs("quwei", approve, approval(decided, deadline, false)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("形态");
    adjustment.put("finalMeasure", "诫勉");
    assertThatThrownBy(() -> completeAs("quwei", approve, approval(decided.subList(0, 3), deadline, false)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("缺少措施");
    Map<String, Object> noRequirement = approval(decided, deadline, false);
    noRequirement.remove(Variables.RECTIFICATION_REQUIREMENT);
    assertThatThrownBy(() -> completeAs("quwei", approve, noRequirement))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("整改要求");
    assertThatThrownBy(() -> completeAs("quwei", approve,
        approval(decided, LocalDate.now(DISTRICT).toString(), false)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("晚于今天");
    assertThat(cases.measures(caseOf(instance).id())).allMatch(m -> m.decision() == null);
    completeAs("quwei", approve, approval(decided, deadline, false));

    long caseId = caseOf(instance).id();
    assertThat(caseOf(instance).status()).isEqualTo("DECIDED");
    assertThat(instance).isWaitingAt(Element.DetermineConsequencePeriods.name() + "#multiInstanceBody");
    long toldSecretary = decidedNotificationsTo("d01sec");
    runJobs(instance);
    LocalDate today = LocalDate.now(DISTRICT);
    // the periods of consequences come from the period table alone, one evaluation per decided measure
    assertThat(cases.measures(caseId)).extracting(m -> m.subjectName() + ":" + m.decision() + ":" + m.finalMeasure()
            + "/" + m.finalForm() + ":" + m.consequenceEndsOn())
        .containsExactlyInAnyOrder("中共某局党组:APPROVE:通报/1:null", "张三丰:APPROVE:纪律处分/2:" + today.plusMonths(12),
            "张三丰:OVERRIDE:诫勉/1:" + today.plusMonths(6), "李四:APPROVE:通报/1:null",
            "李四:APPROVE:移送监察机关/4:null");
    assertThat(engine.getHistoryService().createHistoricDecisionInstanceQuery().processInstanceId(instance.getId())
        .decisionDefinitionKey(AccountabilityProcess.PERIOD_DECISION_KEY).count()).isEqualTo(4);
    assertThat(cases.measures(caseId)).filteredOn(m -> "OVERRIDE".equals(m.decision()))
        .singleElement().satisfies(m -> {
          assertThat(m.reason()).isEqualTo("积极配合调查");
          assertThat(m.decidedBy()).isEqualTo("quwei");
        });

    runJobs(instance); // subjects notified, no publication, rectification started
    // the secretary is told as the unit's secretary and once more as a subject with a login
    assertThat(decidedNotificationsTo("d01sec")).isEqualTo(toldSecretary + 2);
    assertThat(instance).hasPassed(Element.NotifySubjects.name(), Element.PublicationDone.name());
    assertThat(jdbc.sql("select count(*) from notifications where kind = 'ACCOUNTABILITY_DECIDED' and unit_code = ?")
        .param(D01).query(Long.class).single()).isPositive();

    // 问责决定书: numbered, with subjects, facts, basis, measures and the way to appeal; delivered in the record manual
    String number = (String) runtimeService.getVariable(instance.getId(), Variables.DECISION_NUMBER);
    assertThat(number).matches("区纪问决〔\\d{4}〕\\d+号");
    assertThat(manual.entriesOf(D01)).anyMatch(entry -> entry.summary().contains("送达问责决定书（" + number + "）")
        && entry.evidence().size() == 1);
    MvcResult pdf = http.perform(get("/api/accountability-cases/" + caseId + "/decision.pdf")
        .header("Authorization", basic("d01sec"))).andReturn();
    assertThat(pdf.getResponse().getStatus()).isEqualTo(200);
    assertThat(pdf.getResponse().getContentType()).startsWith("application/pdf");
    try (org.apache.pdfbox.pdmodel.PDDocument document =
        org.apache.pdfbox.Loader.loadPDF(pdf.getResponse().getContentAsByteArray())) {
      String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
      assertThat(text).contains("问责决定书").contains(number).contains("问责对象").contains("事实").contains("依据")
          .contains("问责方式").contains("申诉途径").contains("张三丰").contains("诫勉").contains("一个月内")
          .contains("系前任遗留问题").contains("不予采纳");
    }
    assertThat(http.perform(get("/api/accountability-cases/" + caseId + "/decision.pdf")
        .header("Authorization", basic("d02staff"))).andReturn().getResponse().getStatus()).isEqualTo(403);

    // 申诉 within the month, while the decision is executed: the committee changes a measure, the period follows it
    Task appeal = task(instance, Element.LodgeAppeal);
    assertThat(appeal).hasCandidateGroup(Groups.of(Role.SECRETARY, D01));
    assertThatThrownBy(() -> completeAs("d01sec", appeal, Map.of(Variables.APPEAL, "APPEAL")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("申诉人");
    completeAs("d01sec", appeal, Map.of(Variables.APPEAL, "APPEAL", Variables.APPELLANT, "张三丰",
        Variables.APPEAL_GROUNDS, "纪律处分过重，问题已及时整改"));
    Task reviewAppeal = task(instance, Element.ReviewAppeal);
    assertThat(reviewAppeal).hasCandidateGroup(Groups.DISTRICT_COMMITTEE);
    List<Map<String, Object>> appealRows = rows(reviewAppeal, Variables.APPEAL_REVIEW);
    assertThat(appealRows).extracting(row -> (String) row.get("measure"))
        .containsExactlyInAnyOrder("通报", "纪律处分", "诫勉", "通报");
    for (Map<String, Object> row : appealRows) {
      row.put("outcome", "UPHOLD");
      row.put("reason", "事实清楚，处理恰当");
      if ("纪律处分".equals(row.get("measure"))) {
        row.put("outcome", "CHANGE");
        row.put("newMeasure", "改组");
      }
    }
    assertThatThrownBy(() -> completeAs("quwei", reviewAppeal, Map.of(Variables.APPEAL_REVIEW, spin(appealRows))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("适用于该对象");
    // an appeal may not make a measure heavier: neither a higher form, nor a heavier measure of the same form
    appealRows.stream().filter(row -> "CHANGE".equals(row.get("outcome"))).forEach(row -> {
      row.put("newMeasure", "纪律处分");
      row.put("newForm", 3);
    });
    assertThatThrownBy(() -> completeAs("quwei", reviewAppeal, Map.of(Variables.APPEAL_REVIEW, spin(appealRows))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("不得因申诉而加重处理");
    appealRows.stream().filter(row -> "CHANGE".equals(row.get("outcome"))).forEach(row -> {
      row.put("newMeasure", "组织调整或组织处理");
      row.put("newForm", 2);
      row.put("reason", "及时整改，改为调整职务");
    });
    Map<String, Object> notice = appealRows.stream().filter(row -> "通报".equals(row.get("measure"))
        && ((String) row.get("subject")).startsWith("李四")).findFirst().orElseThrow();
    notice.put("outcome", "CHANGE");
    notice.put("newMeasure", "诫勉");
    assertThatThrownBy(() -> completeAs("quwei", reviewAppeal, Map.of(Variables.APPEAL_REVIEW, spin(appealRows))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("不得因申诉而加重处理");
    assertThat(taskService.createTaskQuery().taskId(reviewAppeal.getId()).count()).as("nothing changed").isOne();
    notice.put("outcome", "UPHOLD");
    notice.remove("newMeasure");
    completeAs("quwei", reviewAppeal, Map.of(Variables.APPEAL_REVIEW, spin(appealRows)));
    runJobs(instance);
    assertThat(instance).hasPassed(Element.RedetermineConsequencePeriods.name(), Element.AppealSettled.name());
    assertThat(cases.measures(caseId)).filteredOn(m -> "CHANGED".equals(m.appealOutcome())).singleElement()
        .satisfies(m -> {
          assertThat(m.finalMeasure()).isEqualTo("组织调整或组织处理");
          assertThat(m.consequenceEndsOn()).isEqualTo(today.plusMonths(12));
        });
    ProcessInstance rectification = runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(RectificationProcess.KEY).superProcessInstanceId(instance.getId()).singleResult();
    assertThat(rectification.getBusinessKey()).isEqualTo(instance.getBusinessKey());
    assertThat(runtimeService.getVariable(rectification.getId(), "subject")).isEqualTo("健全廉政风险防控机制");
    completeAs("d01sec", task(rectification, RectificationProcess.Element.PlanRectification),
        Map.of("plan", "重新梳理廉政风险点"));
    long seq = manual.entriesOf(D01).get(0).seq();
    completeAs("d01staff", task(rectification, RectificationProcess.Element.CarryOut),
        Map.of("report", "已完成梳理", "records", String.valueOf(seq)));
    completeAs("jiwei", task(rectification, RectificationProcess.Element.VerifyRectification),
        Map.of("decision", "VERIFIED", "verificationComment", "整改到位"));
    assertThat(rectification).isEnded();
    assertThat(caseOf(instance).status()).isEqualTo("RECTIFIED");

    // two measures have a period of consequences: one timer each, due at 09:00 on its last day
    assertThat(instance).isWaitingAt(Element.ConsequencePeriods.name() + "#multiInstanceBody");
    runJobs(instance);
    List<Job> timers = timers(instance);
    assertThat(timers).extracting(Job::getDuedate).containsExactlyInAnyOrder(
        Date.from(today.plusMonths(6).atTime(9, 0).atZone(DISTRICT).toInstant()),
        Date.from(today.plusMonths(12).atTime(9, 0).atZone(DISTRICT).toInstant()));
    long before = consequenceNotifications();
    ClockUtil.setCurrentTime(Date.from(today.plusMonths(6).plusDays(1).atStartOfDay(DISTRICT).toInstant()));
    management.executeJob(timers(instance).stream().min((a, b) -> a.getDuedate().compareTo(b.getDuedate()))
        .orElseThrow().getId());
    runJobs(instance);
    assertThat(consequenceNotifications()).isGreaterThan(before);
    assertThat(instance).isActive();
    ClockUtil.setCurrentTime(Date.from(today.plusMonths(12).plusDays(1).atStartOfDay(DISTRICT).toInstant()));
    management.executeJob(timers(instance).get(0).getId());
    runJobs(instance);
    assertThat(instance).isEnded().hasPassed(Element.RemindConsequenceEnd.name(), Element.CaseConcluded.name());
  }

  @Test
  void aNotificationIsDraftedWithNamesRedactedApprovedAndPublishedAndRealNamesOnlyWhenApproved() throws Exception {
    ProcessInstance redacted = toApproval(D01, "典型案例：违规发放津贴（通报测试）", "张三丰");
    completeAs("quwei", task(redacted, Element.ApproveMeasures), approval(decide(rows(task(redacted,
        Element.ApproveMeasures)), "APPROVE"), LocalDate.now(DISTRICT).plusDays(20).toString(), true));
    runJobs(redacted);
    Task draft = task(redacted, Element.DraftNotification);
    assertThat(draft).hasCandidateGroup(Groups.DISCIPLINE_COMMISSION);
    String text = (String) taskService.getVariable(draft.getId(), Variables.NOTIFICATION_TEXT);
    String title = (String) taskService.getVariable(draft.getId(), Variables.NOTIFICATION_TITLE);
    assertThat(text).contains("张某某").doesNotContain("张三丰").contains("纪律处分");
    assertThatThrownBy(() -> completeAs("jiwei", draft, Map.of(Variables.NOTIFICATION_TITLE, title,
        Variables.NOTIFICATION_TEXT, text.replace("张某某", "张三丰"))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("真实姓名");
    completeAs("jiwei", draft, Map.of(Variables.NOTIFICATION_TITLE, title, Variables.NOTIFICATION_TEXT,
        text + "\n（此稿经区纪委监委修改）"));

    Task decide = task(redacted, Element.ApproveNotification);
    assertThat(decide).hasCandidateGroup(Groups.DISTRICT_COMMITTEE);
    assertThat(page()).doesNotContain("张某某").doesNotContain(title);
    assertThatThrownBy(() -> completeAs("quwei", decide, Map.of()))
        .isInstanceOf(InvalidInputException.class);
    completeAs("quwei", decide, Map.of(Variables.NOTIFICATION_DECISION, "APPROVE"));
    assertThat(page()).doesNotContain(title).as("approved, not yet published");
    runJobs(redacted);
    assertThat(redacted).hasPassed(Element.PublishNotification.name()).isWaitingAt(Element.Rectify.name());
    // nobody appeals: the appeal period ends after one month by the boundary timer
    Job appealTimer = management.createJobQuery().processInstanceId(redacted.getId())
        .activityId(Element.AppealPeriodOver.name()).timers().singleResult();
    assertThat(appealTimer.getDuedate()).isAfter(Date.from(Instant.now().plus(java.time.Duration.ofDays(27))));
    ClockUtil.setCurrentTime(Date.from(appealTimer.getDuedate().toInstant().plusSeconds(60)));
    management.executeJob(appealTimer.getId());
    runJobs(redacted);
    ClockUtil.reset();
    assertThat(redacted).hasPassed(Element.AppealPeriodOver.name(), Element.AppealSettled.name());
    assertThat(task(redacted, Element.LodgeAppeal)).isNull();

    ProcessInstance named = toApproval(D02, "典型案例：公款吃喝（实名通报测试）", "王五一");
    completeAs("quwei", task(named, Element.ApproveMeasures), approval(decide(rows(task(named,
        Element.ApproveMeasures)), "APPROVE"), LocalDate.now(DISTRICT).plusDays(20).toString(), true));
    runJobs(named);
    Task namedDraft = task(named, Element.DraftNotification);
    completeAs("jiwei", namedDraft, Map.of(
        Variables.NOTIFICATION_TITLE, taskService.getVariable(namedDraft.getId(), Variables.NOTIFICATION_TITLE),
        Variables.NOTIFICATION_TEXT, taskService.getVariable(namedDraft.getId(), Variables.NOTIFICATION_TEXT)));
    completeAs("quwei", task(named, Element.ApproveNotification),
        Map.of(Variables.NOTIFICATION_DECISION, "APPROVE", Variables.REAL_NAMES, true));
    runJobs(named);

    // any logged-in user of the district reads published notifications: the redacted one without the real name
    String page = page();
    assertThat(page).contains(title).contains("张某某").contains("（此稿经区纪委监委修改）").doesNotContain("张三丰")
        .contains("王五一");
    List<PublicNotification> published = notices.published();
    assertThat(published).extracting(PublicNotification::text)
        .anyMatch(t -> t.contains("张某某")).noneMatch(t -> t.contains("张三丰")).anyMatch(t -> t.contains("王五一"));
    MvcResult api = http.perform(get("/api/public-notifications").header("Authorization", basic("t01v01staff")))
        .andReturn();
    assertThat(api.getResponse().getStatus()).isEqualTo(200);
    assertThat(api.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("张某某")
        .doesNotContain("张三丰");
    assertThat(http.perform(get("/pages/notifications")).andReturn().getResponse().getStatus())
        .as("only for logged-in users").isIn(401, 302);
  }

  @Test
  void aRejectedNotificationIsNeverPublished() throws Exception {
    ProcessInstance instance = toApproval(D01, "典型案例：形式主义（不予通报测试）", "赵六");
    completeAs("quwei", task(instance, Element.ApproveMeasures), approval(decide(rows(task(instance,
        Element.ApproveMeasures)), "APPROVE"), LocalDate.now(DISTRICT).plusDays(20).toString(), true));
    runJobs(instance);
    Task draft = task(instance, Element.DraftNotification);
    String title = "关于赵某问题的通报（不予通报测试）";
    completeAs("jiwei", draft, Map.of(Variables.NOTIFICATION_TITLE, title,
        Variables.NOTIFICATION_TEXT, taskService.getVariable(draft.getId(), Variables.NOTIFICATION_TEXT)));
    Task decide = task(instance, Element.ApproveNotification);
    assertThatThrownBy(() -> completeAs("quwei", decide, Map.of(Variables.NOTIFICATION_DECISION, "REJECT")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("理由");
    completeAs("quwei", decide, Map.of(Variables.NOTIFICATION_DECISION, "REJECT", Variables.REAL_NAMES, true,
        Variables.NOTIFICATION_COMMENT, "不具有典型性"));
    assertThat(instance).hasPassed(Element.PublicationDone.name()).isWaitingAt(Element.Rectify.name());
    assertThat(instance).hasNotPassed(Element.PublishNotification.name());
    completeAs("d01sec", task(instance, Element.LodgeAppeal), Map.of(Variables.APPEAL, "NONE"));
    assertThat(instance).hasPassed(Element.AppealSettled.name());
    assertThat(notices.statusOf(caseOf(instance).id())).containsEntry("status", "REJECTED");
    assertThat(page()).doesNotContain(title).doesNotContain("赵六");
  }

  @Test
  void theEscalationLadderOpensACaseByItselfOncePerUnitAndCause() {
    String cause = "逾期未办：测试流程 / 测试任务（问责测试）";
    jdbc.sql("""
            insert into accountability_requests (unit_code, cause, first_task_id, requested_at, status)
            values (?, ?, 'ladder-task', ?, 'OPEN')""")
        .params(D02, cause, Instant.now().atOffset(ZoneOffset.UTC)).update();
    long requestId = jdbc.sql("select id from accountability_requests where unit_code = ? and cause = ?")
        .params(D02, cause).query(Long.class).single();
    events.publishEvent(new AccountabilityRequested(requestId, D02, cause));
    events.publishEvent(new AccountabilityRequested(requestId, D02, cause));

    ProcessInstance instance = runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(AccountabilityProcess.businessKey(requestId)).singleResult();
    assertThat(instance).isNotNull().isWaitingAt(Element.CollectEvidence.name());
    AccountabilityCase registered = caseOf(instance);
    assertThat(registered.source()).isEqualTo(CaseSource.ESCALATION);
    assertThat(registered.requestId()).isEqualTo(requestId);
    assertThat(registered.unitCode()).isEqualTo(D02);
    assertThat(jdbc.sql("select status from accountability_requests where id = ?").param(requestId)
        .query(String.class).single()).isEqualTo("STARTED");
    assertThat(jdbc.sql("select count(*) from accountability_cases where unit_code = ? and cause = ?")
        .params(D02, cause).query(Long.class).single()).isEqualTo(1);
  }

  // --- helpers

  private ProcessInstance toInvestigations(String unitCode, String cause) {
    ProcessInstance instance = start(unitCode, cause, "INSPECTION");
    runJobs(instance);
    completeAs("jiwei", task(instance, Element.VerifyCase), Map.of(Variables.DECISION, "OPEN"));
    assertThat(caseOf(instance).status()).isEqualTo("INVESTIGATING");
    return instance;
  }

  /** A case at the committee's approval: one leader (the name given) for the main, one organisation for the other. */
  private ProcessInstance toApproval(String unitCode, String cause, String leader) {
    ProcessInstance instance = toInvestigations(unitCode, cause);
    completeAs("jiwei", task(instance, Element.InvestigateMain), investigation("main", spin(List.of(
        subject(leader, "LEADER", "PRINCIPAL", "SERIOUS", "AGGRAVATED")))));
    completeAs("jiwei", task(instance, Element.InvestigateSupervisory), investigation("supervisory",
        spin(List.of(subject("纪检组", "ORGANISATION", null, "MINOR", "NONE")))));
    for (Task defence : taskService.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(Element.StatementAndDefence.name()).list()) {
      completeAs("jiwei", defence, Map.of(Variables.DEFENCE_WAIVED, true));
    }
    completeAs("jiwei", task(instance, Element.ReviewDefence), Map.of());
    runJobs(instance);
    return instance;
  }

  private ProcessInstance start(String unitCode, String cause, String source) {
    identity.setAuthentication("jiwei", List.of(Groups.DISCIPLINE_COMMISSION));
    try {
      String id = cases.start(unitCode, cause, source).processInstanceId();
      return runtimeService.createProcessInstanceQuery().processInstanceId(id).singleResult();
    } finally {
      identity.clearAuthentication();
    }
  }

  private AccountabilityCase caseOf(ProcessInstance instance) {
    return cases.accountabilityCase(jdbc.sql("select id from accountability_cases where process_instance_id = ?")
        .param(instance.getId()).query(Long.class).single());
  }


  private static List<Map<String, Object>> decide(List<Map<String, Object>> rows, String decision) {
    List<Map<String, Object>> decided = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      Map<String, Object> copy = new HashMap<>(row);
      copy.put("decision", decision);
      decided.add(copy);
    }
    return decided;
  }

  private Map<String, Object> approval(List<Map<String, Object>> rows, String deadline, boolean publish) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(Variables.MEASURES, spin(rows));
    variables.put(Variables.RECTIFICATION_REQUIREMENT, "健全廉政风险防控机制");
    variables.put(Variables.RECTIFICATION_DEADLINE, deadline);
    variables.put(Variables.PUBLISH, publish);
    return variables;
  }

  private List<Map<String, Object>> rows(Task task) {
    return rows(task, Variables.MEASURES);
  }

  private List<Map<String, Object>> rows(Task task, String variable) {
    Object value = taskService.getVariable(task.getId(), variable);
    try {
      return json.readValue(value.toString(), new TypeReference<List<Map<String, Object>>>() { });
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Object spin(Object rows) {
    try {
      return SpinValues.jsonValue(json.writeValueAsString(rows)).create();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private String page() throws Exception {
    MvcResult result = http.perform(get("/pages/notifications").header("Authorization", basic("d02staff")))
        .andReturn();
    assertThat(result.getResponse().getStatus()).isEqualTo(200);
    return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  private long decidedNotificationsTo(String userId) {
    return jdbc.sql("select count(*) from notifications where kind = 'ACCOUNTABILITY_DECIDED' and recipient_user_id = ?")
        .param(userId).query(Long.class).single();
  }

  private long consequenceNotifications() {
    return jdbc.sql("select count(*) from notifications where kind = 'CONSEQUENCE_PERIOD_ENDED'").query(Long.class)
        .single();
  }

  private List<Job> timers(ProcessInstance instance) {
    return management.createJobQuery().processInstanceId(instance.getId()).timers().list();
  }

  private Task task(ProcessInstance instance, Enum<?> element) {
    return taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(element.name())
        .singleResult();
  }

  private void asCommission(Runnable action) {
    identity.setAuthentication("jiwei", List.of(Groups.DISCIPLINE_COMMISSION));
    try {
      action.run();
    } finally {
      identity.clearAuthentication();
    }
  }

  /** Completes the task as the user, with the user's real groups, so Camunda authorizations apply. */
  private void completeAs(String userId, Task task, Map<String, Object> variables) {
    identity.setAuthentication(userId, identity.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId).toList());
    try {
      taskService.complete(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  /** Runs the instance's asynchronous continuations (never its timers) until none is left. */
  private void runJobs(ProcessInstance instance) {
    List<Job> jobs = management.createJobQuery().processInstanceId(instance.getId()).messages().list();
    while (!jobs.isEmpty()) {
      jobs.forEach(job -> management.executeJob(job.getId()));
      jobs = management.createJobQuery().processInstanceId(instance.getId()).messages().list();
    }
  }
}
