package org.liangze.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.SerializableValue;
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
import org.liangze.selfcheck.UnitSelfCheckProcess.Element;
import org.liangze.selfcheck.UnitSelfCheckProcess.Variables;
import org.liangze.support.ActAs;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.liangze.support.UnitWithoutInspector;
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
 * Every post has its work, in the quarterly self-check, on a real PostgreSQL with the engine's clock set and every
 * job run by the test: the department 区教育和体育局 (D01) has its tailored items split between two 责任人 — its
 * secretary 张伟 ({@code d01sec}) the 主体责任 items, its 纪检委员 李娜 ({@code d01insp}) the 监督责任 items — and
 * the secretary gave the common list's 主体责任 items to the staff member 王芳 on the list page (the common 监督责任
 * items stay the 纪检委员's by default). Each 责任人 gets a task with only their rows; the
 * 纪检委员 checks the whole self-check, returns it once with a comment, then passes it; the secretary signs off and
 * the commission reviews. The results page names who assessed each row. A unit without a 纪检委员 skips the check.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SelfCheckSharesPostgresTest {

  static final String PASSWORD = "demo-test-pw";
  static final String QUARTER = "2026Q4";
  static final String D01 = "D01";
  static final Instant NOW = Instant.parse("2026-12-01T01:00:00Z");

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @Autowired ProcessEngine engine;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired UnitWithoutInspector unitWithoutInspector;
  @Autowired ListService lists;
  @Autowired SelfCheckCampaigns campaigns;
  @Autowired SelfCheckService selfChecks;
  @Autowired IdentityService identity;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired ActAs actAs;
  @Autowired TestRestTemplate http;
  final ObjectMapper json = new ObjectMapper();

  /** The demo district with D09 (no 纪检委员), D01's 2026 items given two 责任人, and the quarter's campaign run. */
  @BeforeEach
  void campaign() throws IOException {
    AbstractAssertions.reset();
    BpmnAwareTests.init(engine);
    ClockUtil.setCurrentTime(Date.from(NOW));
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
    if (runtime.createProcessInstanceQuery().processInstanceBusinessKey("selfcheck-" + QUARTER).count() > 0) {
      return;
    }
    unitWithoutInspector.addIfMissing();
    List<ListItem> items = lists.tailoredList(D01, 2026).orElseThrow().items().stream()
        .map(item -> item.responsibility() == Responsibility.MAIN ? item.withResponsibles("d01sec", "d01sec")
            : item.withResponsibles("d01insp", "d01sec"))
        .toList();
    lists.publish(ListKind.TAILORED, D01, 2026, items);
    lists.assignCommonResponsibles(Official.of("d01sec", List.of(Groups.of(Role.SECRETARY, D01))), D01, 2026,
        lists.effectiveItems(D01, 2026).stream()
            .filter(item -> item.origin() == ListKind.COMMON && item.responsibility() == Responsibility.MAIN)
            .map(item -> new ListService.CommonItemChoice(item.itemId(), "d01staff", "d01sec")).toList());
    identity.setAuthentication("jiwei", List.of(Groups.DISCIPLINE_COMMISSION));
    try {
      campaigns.start(QUARTER);
    } finally {
      identity.clearAuthentication();
    }
    String campaign = runtime.createProcessInstanceQuery().processInstanceBusinessKey("selfcheck-" + QUARTER)
        .singleResult().getId();
    for (List<Job> jobs = jobs(campaign); !jobs.isEmpty(); jobs = jobs(campaign)) {
      jobs.forEach(job -> management.executeJob(job.getId()));
    }
  }

  @AfterEach
  void reset() {
    identity.clearAuthentication();
    ClockUtil.reset();
  }

  @Test
  void eachResponsibleAssessesTheirOwnRowsAndTheInspectorChecksBeforeTheSecretary() throws IOException {
    ProcessInstance unit = unitInstance(D01);
    Set<String> mainItems = contents(Responsibility.MAIN);
    Set<String> supervisoryItems = contents(Responsibility.SUPERVISORY);
    assertThat(mainItems).isNotEmpty();
    assertThat(supervisoryItems).isNotEmpty();

    // three tasks, one per 责任人, each assigned to them: every item has one, common items too
    assertThat(assessments(unit)).hasSize(3).allSatisfy(task -> assertThat(task.getAssignee()).isNotNull());
    Task secretarys = assessmentOf(unit, "d01sec");
    Task inspectors = assessmentOf(unit, "d01insp");
    Task staffs = assessmentOf(unit, "d01staff");
    assertThat(rows(secretarys)).extracting(row -> row.get("item").toString())
        .hasSize(mainItems.size()).allSatisfy(item -> assertThat(endsWithOneOf(item, mainItems)).isTrue());
    List<String> inspectorsItems = rows(inspectors).stream().map(row -> row.get("item").toString()).toList();
    assertThat(inspectorsItems).allSatisfy(item -> assertThat(item).contains("·监督责任·"));
    assertThat(inspectorsItems.stream().filter(item -> item.startsWith("个性清单")).toList())
        .hasSize(supervisoryItems.size()).allSatisfy(item -> assertThat(endsWithOneOf(item, supervisoryItems)).isTrue());
    assertThat(inspectorsItems).anySatisfy(item -> assertThat(item).startsWith("共性清单"));
    int commonItems = rows(staffs).size() + inspectorsItems.size() - supervisoryItems.size();
    assertThat(rows(staffs)).isNotEmpty().allSatisfy(row -> assertThat(row.get("item").toString())
        .startsWith("共性清单").contains("·主体责任·"));
    assertThat(tasks.getVariable(secretarys.getId(), Variables.SHARE_LABEL))
        .isEqualTo("张伟作为责任人负责的事项（共" + mainItems.size() + "项）");
    assertThat(tasks.getVariable(staffs.getId(), Variables.SHARE_LABEL).toString())
        .startsWith("王芳作为责任人负责的事项");
    // a 责任人 finds their own task in their list
    assertThat(tasks.createTaskQuery().taskAssignee("d01sec").processInstanceId(unit.getId()).list())
        .extracting(Task::getId).containsExactly(secretarys.getId());

    actAs.complete("d01staff", staffs, Map.of(Variables.ITEMS, assessed(staffs, "DONE", "已落实")));
    actAs.complete("d01sec", secretarys, Map.of(Variables.ITEMS, assessed(secretarys, "PARTLY", "招生监督电话尚未公布")));
    assertThat(unit).isWaitingAt(Element.AssessItems.name());
    assertThat(selfCheck(D01).status()).isEqualTo(SelfCheckStatus.ASSESSING);
    actAs.complete("d01insp", inspectors, Map.of(Variables.ITEMS, assessed(inspectors, "DONE", "已开展专项检查")));

    // the unit's 纪检委员 sees every row and who assessed it; returns once with a comment
    Task inspect = task(unit, Element.InspectSelfCheck);
    assertThat(inspect).hasCandidateGroup(Groups.of(Role.INSPECTOR, D01));
    assertThat(inspect.getDueDate()).isEqualTo(Date.from(NOW.plus(Duration.ofDays(3))));
    List<Map<String, Object>> all = rows(inspect);
    assertThat(all).hasSize(commonItems + mainItems.size() + supervisoryItems.size());
    assertThat(all.stream().map(row -> row.get("assessedBy")).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("王芳", "张伟", "李娜");
    assertThat(selfCheck(D01).status()).isEqualTo(SelfCheckStatus.INSPECTING);
    actAs.complete("d01insp", inspect,
        Map.of(Variables.DECISION, "RETURN", Variables.INSPECTION_COMMENT, "招生事项请写明整改时限"));

    assertThat(assessments(unit)).hasSize(3).allSatisfy(task -> assertThat(
        tasks.getVariable(task.getId(), Variables.RETURN_COMMENT)).isEqualTo("纪检委员退回：招生事项请写明整改时限"));
    Task again = assessmentOf(unit, "d01sec");
    assertThat(rows(again)).allSatisfy(row -> assertThat(row).containsEntry("status", "PARTLY")
        .containsEntry("note", "招生监督电话尚未公布"));
    actAs.complete("d01sec", again, Map.of(Variables.ITEMS, assessed(again, "PARTLY", "招生监督电话12月底前公布")));
    actAs.complete("d01staff", assessmentOf(unit, "d01staff"),
        Map.of(Variables.ITEMS, assessed(assessmentOf(unit, "d01staff"), "DONE", "已落实")));
    actAs.complete("d01insp", assessmentOf(unit, "d01insp"),
        Map.of(Variables.ITEMS, assessed(assessmentOf(unit, "d01insp"), "DONE", "已开展专项检查")));
    actAs.complete("d01insp", task(unit, Element.InspectSelfCheck), Map.of(Variables.DECISION, "PASS"));

    // the secretary signs off; the level above (the commission, for a department) reviews
    assertThat(selfCheck(D01).status()).isEqualTo(SelfCheckStatus.SIGNING_OFF);
    actAs.complete("d01sec", task(unit, Element.SignOff), Map.of(Variables.DECISION, "SIGN_OFF"));
    Task review = task(unit, Element.Review);
    assertThat(review).hasCandidateGroup(Groups.DISCIPLINE_COMMISSION);
    actAs.complete("jiwei", review, Map.of(Variables.DECISION, "ACCEPT"));
    assertThat(unit).isEnded().hasPassed(Element.InspectSelfCheck.name(), Element.SelfCheckAccepted.name());

    SelfCheck check = selfCheck(D01);
    assertThat(check.inspectedBy()).isEqualTo("d01insp");
    assertThat(check.signedOffBy()).isEqualTo("d01sec");
    assertThat(check.results().stream().map(SelfCheck.Result::assessedBy).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("d01staff", "d01sec", "d01insp");
    assertThat(check.results()).filteredOn(result -> "d01sec".equals(result.assessedBy()))
        .hasSize(mainItems.size()).allMatch(result -> "招生监督电话12月底前公布".equals(result.note()));

    // the results page: who assessed each row, and the inspector's step
    ResponseEntity<String> page = http.withBasicAuth("d01staff", PASSWORD)
        .getForEntity("/pages/units/D01/self-checks?quarter=" + QUARTER, String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("填写人", "纪检委员检查", "审核通过")
        .containsPattern("data-label=\"填写人\">王芳<")
        .containsPattern("data-label=\"填写人\">张伟<")
        .containsPattern("data-label=\"填写人\">李娜<")
        .doesNotContain(">d01sec<", ">d01insp<", ">d01staff<");
  }

  @Test
  void aUnitWithoutAnInspectorSkipsTheCheck() throws IOException {
    ProcessInstance unit = unitInstance(UnitWithoutInspector.CODE);
    assertThat(runtime.getVariable(unit.getId(), Variables.INSPECTOR_CHECK)).isEqualTo(false);
    // no 纪检委员: the secretary is 责任人 of every common item, 监督责任 ones too
    Task secretarys = assessmentOf(unit, UnitWithoutInspector.SECRETARY);
    assertThat(assessments(unit)).hasSize(1);
    HistoryService history = engine.getHistoryService();
    assertThat(history.createHistoricVariableInstanceQuery().executionIdIn(secretarys.getExecutionId())
        .variableNameIn(Variables.ITEMS, Variables.SHARE_LABEL).count()).as("what the share was offered").isZero();
    actAs.complete(UnitWithoutInspector.SECRETARY, secretarys,
        Map.of(Variables.ITEMS, assessed(secretarys, "DONE", "已落实")));
    // what the secretary submitted has its history: the share's rows as assessed
    HistoricVariableInstance submitted = history.createHistoricVariableInstanceQuery()
        .executionIdIn(secretarys.getExecutionId()).variableName(Variables.ITEMS).disableCustomObjectDeserialization()
        .singleResult();
    assertThat(submitted).isNotNull();
    assertThat(submitted.getTypedValue().getValue().toString()).contains("DONE", "已落实");
    assertThat(history.createHistoricDetailQuery().variableInstanceId(submitted.getId()).count()).isOne();
    // the stored rows name their list items as the lists feature names them
    assertThat(selfCheck(UnitWithoutInspector.CODE).results()).isNotEmpty().allSatisfy(result -> assertThat(
        result.item()).matches("(共性清单|个性清单)第\\d+项·.+：.+"));

    assertThat(unit).isWaitingAt(Element.SignOff.name()).hasNotPassed(Element.InspectSelfCheck.name());
    assertThat(selfCheck(UnitWithoutInspector.CODE).status()).isEqualTo(SelfCheckStatus.SIGNING_OFF);
    Task signOff = task(unit, Element.SignOff);
    actAs.complete(UnitWithoutInspector.SECRETARY, signOff, Map.of(Variables.DECISION, "SIGN_OFF"));
    // a decision taken on a task keeps its detail, on the task's activity (the dashboard counts the fields people
    // fill from these)
    assertThat(history.createHistoricDetailQuery().processInstanceId(unit.getId()).variableUpdates().list())
        .filteredOn(detail -> ((HistoricVariableUpdate) detail).getVariableName().equals(Variables.DECISION)
            && "SIGN_OFF".equals(((HistoricVariableUpdate) detail).getValue()))
        .singleElement().extracting(HistoricDetail::getActivityInstanceId)
        .isEqualTo(history.createHistoricTaskInstanceQuery().taskId(signOff.getId()).singleResult()
            .getActivityInstanceId());
    actAs.complete("jiwei", task(unit, Element.Review), Map.of(Variables.DECISION, "ACCEPT"));
    assertThat(unit).isEnded().hasPassed(Element.SelfCheckAccepted.name());
    assertThat(selfCheck(UnitWithoutInspector.CODE).inspectedBy()).isNull();
  }

  @Test
  void anOpenSelfCheckReadsItsRowsFromTheListAndKeepsItsPickingOptionsOutOfHistory() throws IOException {
    // a unit nobody has assessed yet (the other tests work through D01's and the unit without an inspector's)
    ProcessInstance unit = runtime.createProcessInstanceQuery().processDefinitionKey(UnitSelfCheckProcess.KEY)
        .processInstanceBusinessKeyLike("%-" + QUARTER).list().stream()
        .filter(instance -> !instance.getBusinessKey().equals(UnitSelfCheckProcess.businessKey(D01,
            Quarter.parse(QUARTER))) && !instance.getBusinessKey().equals(UnitSelfCheckProcess.businessKey(
            UnitWithoutInspector.CODE, Quarter.parse(QUARTER))))
        .findFirst().orElseThrow();
    // no copy of the rows on the process before the shares are assembled; each share has its own from the list
    assertThat(runtime.getVariableLocal(unit.getId(), Variables.ITEMS)).isNull();
    assertThat(assessments(unit)).isNotEmpty();
    for (Task share : assessments(unit)) {
      assertThat(rows(share)).isNotEmpty().allSatisfy(row -> assertThat(row.get("status")).isNull());
    }
    // the form's options are not on the process at all: each assessment form gets them as it opens (its form
    // variables), the unit's files and entries as they are then
    assertThat(runtime.getVariable(unit.getId(), Variables.EVIDENCE_OPTIONS)).isNull();
    assertThat(runtime.getVariable(unit.getId(), Variables.RECORD_OPTIONS)).isNull();
    for (Task share : assessments(unit)) {
      VariableMap form = engine.getFormService().getTaskFormVariables(share.getId());
      assertThat(form.keySet()).contains(Variables.EVIDENCE_OPTIONS, Variables.RECORD_OPTIONS, Variables.ITEMS);
      assertThat(((SerializableValue) form.getValueTyped(Variables.RECORD_OPTIONS)).getValueSerialized())
          .startsWith("[");
    }
    // the unit's name, the quarter's label and the inspector flag are on the process, and nothing of them in the
    // history; the unit and the quarter have theirs
    assertThat(runtime.getVariable(unit.getId(), Variables.UNIT_NAME)).isNotNull();
    assertThat(runtime.getVariable(unit.getId(), Variables.QUARTER_LABEL)).isNotNull();
    assertThat(runtime.getVariable(unit.getId(), Variables.INSPECTOR_CHECK)).isNotNull();
    HistoryService history = engine.getHistoryService();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(unit.getId())
        .variableNameIn(Variables.EVIDENCE_OPTIONS, Variables.RECORD_OPTIONS, Variables.UNIT_NAME,
            Variables.QUARTER_LABEL, Variables.INSPECTOR_CHECK).count()).isZero();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(unit.getId())
        .variableName(Variables.UNIT_CODE).count()).isOne();
    // nor the shares' rows and labels as offered (their rows keep their history once submitted: see above)
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(unit.getId())
        .variableNameIn(Variables.ITEMS, Variables.SHARE_LABEL).count()).isZero();
    assertThat(history.createHistoricDetailQuery().processInstanceId(unit.getId()).variableUpdates().list())
        .extracting(detail -> ((HistoricVariableUpdate) detail).getVariableName())
        .doesNotContain(Variables.ITEMS, Variables.SHARE_LABEL);
    assertThat(history.createHistoricDetailQuery().processInstanceId(unit.getId()).variableUpdates().list())
        .extracting(detail -> ((HistoricVariableUpdate) detail).getVariableName())
        .doesNotContain(Variables.EVIDENCE_OPTIONS, Variables.RECORD_OPTIONS, Variables.UNIT_NAME,
            Variables.QUARTER_LABEL, Variables.INSPECTOR_CHECK);
    // what it was started with, set once, has its historic variables and no detail row repeating each
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(unit.getId())
        .variableNameIn(Variables.UNIT_CODE, Variables.QUARTER, Variables.ASSESSOR, Variables.DECISION).list())
        .extracting(HistoricVariableInstance::getName)
        .contains(Variables.UNIT_CODE, Variables.QUARTER, Variables.ASSESSOR, Variables.DECISION);
    List<HistoricVariableUpdate> details = history.createHistoricDetailQuery().processInstanceId(unit.getId())
        .variableUpdates().list().stream().map(HistoricVariableUpdate.class::cast).toList();
    assertThat(details).extracting(HistoricVariableUpdate::getVariableName)
        .doesNotContain(Variables.UNIT_CODE, Variables.QUARTER, Variables.ASSESSOR);
    // the empty decision each share's assessment sets as it starts: the first share's start creates it (no detail),
    // every other share's sets it again (an update, with its detail)
    assertThat(assessments(unit)).hasSizeGreaterThan(1);
    assertThat(details).filteredOn(detail -> detail.getVariableName().equals(Variables.DECISION))
        .hasSize(assessments(unit).size() - 1);
    // the assessment's multi-instance bookkeeping neither; its element variable (whose share) has its history
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(unit.getId())
        .variableNameIn("nrOfInstances", "nrOfActiveInstances", "nrOfCompletedInstances", "loopCounter").count())
        .isZero();
    assertThat(runtime.createVariableInstanceQuery().processInstanceIdIn(unit.getId()).variableName("nrOfInstances")
        .count()).as("the engine keeps counting at runtime").isOne();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(unit.getId())
        .variableName(Variables.ASSESSOR).count()).isEqualTo(assessments(unit).size());
  }

  // --- helpers

  private List<Job> jobs(String processInstanceId) {
    return management.createJobQuery().processInstanceId(processInstanceId).list();
  }

  private Set<String> contents(Responsibility responsibility) {
    return lists.tailoredList(D01, 2026).orElseThrow().items().stream()
        .filter(item -> item.responsibility() == responsibility).map(ListItem::content).collect(Collectors.toSet());
  }

  private static boolean endsWithOneOf(String label, Set<String> contents) {
    return contents.stream().anyMatch(label::endsWith);
  }

  private ProcessInstance unitInstance(String unitCode) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(UnitSelfCheckProcess.KEY)
        .processInstanceBusinessKey(UnitSelfCheckProcess.businessKey(unitCode, Quarter.parse(QUARTER)))
        .singleResult();
  }

  private List<Task> assessments(ProcessInstance instance) {
    return tasks.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(Element.AssessItems.name()).list();
  }

  private Task assessmentOf(ProcessInstance instance, String assignee) {
    return assessments(instance).stream().filter(task -> Objects.equals(assignee, task.getAssignee())).findFirst()
        .orElseThrow();
  }

  private Task task(ProcessInstance instance, Element element) {
    return tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(element.name())
        .singleResult();
  }

  private SelfCheck selfCheck(String unitCode) {
    return selfChecks.visibleSelfChecks(Official.of("jiwei", List.of(Groups.DISCIPLINE_COMMISSION)), unitCode,
        QUARTER).get(0);
  }

  private List<Map<String, Object>> rows(Task task) throws IOException {
    return json.readValue(tasks.getVariable(task.getId(), Variables.ITEMS).toString(),
        new TypeReference<List<Map<String, Object>>>() { });
  }

  private Object assessed(Task task, String status, String note) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>(rows(task));
    rows.forEach(row -> {
      row.put("status", status);
      row.put("note", note);
    });
    return SpinValues.jsonValue(json.writeValueAsString(rows)).create();
  }
}
