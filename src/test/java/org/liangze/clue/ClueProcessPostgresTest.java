package org.liangze.clue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.json.SpinJsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.accountability.AccountabilityCase;
import org.liangze.accountability.AccountabilityCases;
import org.liangze.accountability.AccountabilityProcess;
import org.liangze.accountability.CaseSource;
import org.liangze.clue.ClueProcess.Element;
import org.liangze.clue.ClueProcess.Variables;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.IdentitySync;
import org.liangze.platform.InvalidInputException;
import org.liangze.support.ActAs;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Problem clues on PostgreSQL, as the discipline commission works them in Tasklist: a complaint registered from the
 * start form, triaged with the unit picked from the form's list, opens an accountability case whose source is the
 * clue's; an inspection finding is closed with its reason; bad triage input is refused in Chinese and changes
 * nothing.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ClueProcessPostgresTest {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }

  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired IdentityService identity;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired ActAs actAs;
  @Autowired Clues clues;
  @Autowired AccountabilityCases cases;

  @BeforeEach
  void district() throws IOException {
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
  }

  @AfterEach
  void clear() {
    identity.clearAuthentication();
  }

  @Test
  void aComplaintIsRegisteredTriagedAndOpensACaseWithTheClueAsItsSource() {
    String instance = register("COMPLAINT", "反映花园社区违规发放困难补助", "群众来信反映，花园社区2026年向不符合条件的人员发放困难补助。",
        "匿名群众");
    Clue clue = clueOf(instance);
    assertThat(clue.status()).isEqualTo(Clue.REGISTERED);
    assertThat(clue.registeredBy()).isEqualTo("jiwei");
    assertThat(runtime.getVariable(instance, Variables.SOURCE_LABEL)).isEqualTo("信访举报");

    // the triage task, in Chinese, with the district's units to pick from (names, not codes)
    Task triage = triageTask(instance);
    assertThat(triage.getName()).isEqualTo("分办问题线索（问题线索第" + clue.id() + "号：反映花园社区违规发放困难补助）");
    assertThat(triage.getDueDate()).isNotNull();
    SpinJsonNode options = (SpinJsonNode) runtime.getVariable(instance, Variables.UNIT_OPTIONS);
    assertThat(options.elements()).anySatisfy(option -> {
      assertThat(option.prop("label").stringValue()).isEqualTo("洪家楼街道花园社区（村居）");
      assertThat(option.prop("value").stringValue()).isEqualTo("T01V01");
    });

    // a case needs a unit: refused, nothing changed
    assertThatThrownBy(() -> actAs.complete("jiwei", triage, Map.of(Variables.DECISION, "OPEN_CASE")))
        .isInstanceOf(InvalidInputException.class).hasMessage("立案问责须选择被反映单位");
    assertThatThrownBy(() -> actAs.complete("jiwei", triage, Map.of(Variables.DECISION, "OPEN_CASE",
        Variables.UNIT_CODE, "X99"))).isInstanceOf(InvalidInputException.class).hasMessageContaining("从列表中重新选择");
    assertThat(clueOf(instance).status()).isEqualTo(Clue.REGISTERED);
    assertThat(triageTask(instance)).isNotNull();

    actAs.complete("jiwei", triage, Map.of(Variables.DECISION, "OPEN_CASE", Variables.UNIT_CODE, "T01V01"));
    assertThat(clueOf(instance).status()).isEqualTo(Clue.OPENING_CASE);
    // the case is opened in a transaction of its own after the triage
    management.executeJob(management.createJobQuery().processInstanceId(instance).singleResult().getId());

    Clue opened = clueOf(instance);
    assertThat(opened.status()).isEqualTo(Clue.CASE_OPENED);
    assertThat(opened.triagedBy()).isEqualTo("jiwei");
    assertThat(opened.unitCode()).isEqualTo("T01V01");
    AccountabilityCase accountability = cases.accountabilityCase(opened.caseId());
    assertThat(accountability.source()).isEqualTo(CaseSource.COMPLAINT);
    assertThat(accountability.unitCode()).isEqualTo("T01V01");
    assertThat(accountability.cause()).isEqualTo("问题线索第" + clue.id() + "号：反映花园社区违规发放困难补助");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(AccountabilityProcess.KEY)
        .processInstanceId(accountability.processInstanceId()).count()).isEqualTo(1);
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance).singleResult().getEndActivityId())
        .isEqualTo(Element.CaseOpened.name());
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance)
        .variableName(Variables.CASE_ID).singleResult().getValue()).isEqualTo(opened.caseId());
  }

  @Test
  void anInspectionFindingIsClosedWithItsReason() {
    String instance = register("INSPECTION", "巡察发现财政所票据管理不规范", "区委第二巡察组反馈：财政所部分票据未按规定登记。", "区委第二巡察组");
    Task triage = triageTask(instance);

    assertThatThrownBy(() -> actAs.complete("jiwei", triage, Map.of(Variables.DECISION, "CLOSE",
        Variables.CLOSE_REASON, "  "))).isInstanceOf(InvalidInputException.class).hasMessage("请填写了结理由");
    assertThatThrownBy(() -> actAs.complete("jiwei", triage, Map.of(Variables.UNIT_CODE, "T01S01")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("请选择处置意见");
    assertThat(clueOf(instance).status()).isEqualTo(Clue.REGISTERED);

    actAs.complete("jiwei2", triage, Map.of(Variables.DECISION, "CLOSE", Variables.UNIT_CODE, "T01S01",
        Variables.CLOSE_REASON, "已在巡察整改中落实，票据已补登，不再另行问责"));
    Clue closed = clueOf(instance);
    assertThat(closed.status()).isEqualTo(Clue.CLOSED);
    assertThat(closed.closeReason()).isEqualTo("已在巡察整改中落实，票据已补登，不再另行问责");
    assertThat(closed.source()).isEqualTo(ClueSource.INSPECTION);
    assertThat(closed.caseId()).isNull();
    assertThat(closed.triagedBy()).isEqualTo("jiwei2");
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance).singleResult().getEndActivityId())
        .isEqualTo(Element.ClueClosed.name());
  }

  @Test
  void aRegistrationWithoutItsFactsIsRefusedInChinese() {
    assertThatThrownBy(() -> register("COMPLAINT", "反映问题", "", null))
        .isInstanceOf(InvalidInputException.class).hasMessage("请填写反映的主要问题");
    assertThatThrownBy(() -> register("RUMOUR", "反映问题", "内容", null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("请选择线索来源");
    assertThatThrownBy(() -> register("COMPLAINT", "长".repeat(101), "内容", null))
        .isInstanceOf(InvalidInputException.class).hasMessage("线索标题不能超过100字");
  }

  /** The commission registers the clue from Tasklist's start form. */
  private String register(String source, String title, String content, String reporter) {
    Map<String, Object> form = new HashMap<>();
    form.put(Variables.SOURCE, source);
    form.put(Variables.TITLE, title);
    form.put(Variables.CONTENT, content);
    form.put(Variables.REPORTER, reporter);
    identity.setAuthentication("jiwei", actAs.groupsOf("jiwei"));
    try {
      return runtime.startProcessInstanceByKey(ClueProcess.KEY, form).getId();
    } finally {
      identity.clearAuthentication();
    }
  }

  private Clue clueOf(String instance) {
    // the process instance's own (the service task's input mapping has a copy of its own)
    long id = (Long) history.createHistoricVariableInstanceQuery().processInstanceId(instance)
        .variableName(Variables.CLUE_ID).list().get(0).getValue();
    return clues.clue(id);
  }

  private Task triageTask(String instance) {
    List<Task> open = tasks.createTaskQuery().processInstanceId(instance)
        .taskDefinitionKey(Element.TriageClue.name()).list();
    return open.isEmpty() ? null : open.get(0);
  }
}
