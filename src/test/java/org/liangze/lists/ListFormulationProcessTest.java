package org.liangze.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.lists.ListFormulationProcess.Element;
import org.liangze.lists.ListFormulationProcess.Variables;
import org.liangze.organisation.Groups;
import org.liangze.organisation.IdentitySync;
import org.liangze.organisation.Role;
import org.liangze.organisation.UnitType;
import org.liangze.platform.ConflictException;
import org.liangze.platform.InvalidInputException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Every path of the list formulation model, driven through its real entry point ({@link ListFormulations}) on the
 * real application with its delegates; the job executor is off and the test runs each job itself. Each test works
 * on years of its own. Process test coverage is measured and must reach every flow node and sequence flow.
 */
@SpringBootTest
@ActiveProfiles("test")
@Import({ProcessEngineCoverageConfiguration.class, ListFormulationProcessTest.FullCoverage.class})
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class ListFormulationProcessTest {

  @TestConfiguration
  static class FullCoverage {
    @Bean
    ProcessEngineCoverageProperties processEngineCoverageProperties() {
      return ProcessEngineCoverageProperties.Companion.builder().assertClassCoverageAtLeast(1.0).build();
    }
  }

  @Autowired org.liangze.support.ActAs actAs;
  @Autowired ProcessEngine engine;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired ListFormulations formulations;
  @Autowired ListFormulationService steps;
  @Autowired ListService lists;
  @Autowired DraftItems draftItems;
  @Autowired ItemResponsibles responsibles;
  @Autowired IdentityService identity;
  @Autowired TaskService taskService;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void district() throws IOException {
    AbstractAssertions.reset();
    BpmnAwareTests.init(engine);
    district.seedIfEmpty(2040);
    identitySync.sync();
  }

  @AfterEach
  void logout() {
    identity.clearAuthentication();
  }

  @Test
  void unitDraftsFromLastYearsListAndTheCommissionApprovesFirstTime() throws IOException {
    district.publishLists(2041);
    lists.publishCommon(UnitType.DISTRICT_DEPARTMENT, 2042,
        lists.commonList(UnitType.DISTRICT_DEPARTMENT, 2041).orElseThrow().items());
    ProcessInstance formulation = startAs("jiwei", "D01", 2042);
    assertThat(formulation).isWaitingAt(Element.DraftList.name());

    Task draft = task(formulation, Element.DraftList);
    assertThat(draft).hasCandidateGroup(Groups.of(Role.STAFF, "D01"));
    assertThat(draft.getName()).isEqualTo("编制个性清单（区教育和体育局）");
    // the configured drafting period (P14D by default)
    assertThat(draft.getDueDate()).isCloseTo(Date.from(Instant.now().plus(Duration.ofDays(14))), 60_000);
    // pre-filled with the unit's list of last year, as a JSON array the form's dynamic list shows
    List<ListItem> lastYear = lists.tailoredList("D01", 2041).orElseThrow().items();
    TypedValue prefilled = taskService.getVariableTyped(draft.getId(), Variables.ITEMS);
    assertThat(prefilled.getType().getName()).isEqualTo("json");
    assertThat(draftItems.parse(prefilled.getValue())).isEqualTo(lastYear);
    assertThat((String) taskService.getVariable(draft.getId(), Variables.DRAFT_BASIS)).contains("2041年第1版");
    assertThat((String) taskService.getVariable(draft.getId(), Variables.COMMON_LIST)).contains("研究部署");
    long listId = (Long) taskService.getVariable(draft.getId(), Variables.LIST_ID);
    assertThat(lists.list(listId).status()).isEqualTo(ListStatus.DRAFT);

    List<ListItem> revised = revise(lastYear);
    completeAs("d01staff", draft, Map.of(Variables.ITEMS, json(revised)));
    assertThat(lists.list(listId).status()).isEqualTo(ListStatus.SUBMITTED);
    assertThat(lists.list(listId).items()).isEqualTo(revised);

    assertThat(formulation).isWaitingAt(Element.CheckListQuality.name());
    execute(job(formulation));
    Task review = task(formulation, Element.ReviewList);
    assertThat(review).hasCandidateGroup(Groups.DISCIPLINE_COMMISSION);
    assertThat(review.getDueDate()).isCloseTo(Date.from(Instant.now().plus(Duration.ofDays(7))), 60_000);
    assertThat((String) taskService.getVariable(review.getId(), Variables.QUALITY_REPORT)).contains("未发现");
    assertThat((String) taskService.getVariable(review.getId(), Variables.DRAFT_SUMMARY)).contains("招生入学");
    assertThat(flagsOf(listId)).isEmpty();

    completeAs("jiwei", review, Map.of(Variables.DECISION, "APPROVE"));
    assertThat(formulation).isWaitingAt(Element.PublishList.name());
    execute(job(formulation));

    ResponsibilityList published = lists.tailoredList("D01", 2042).orElseThrow();
    assertThat(published.id()).isEqualTo(listId);
    assertThat(published.status()).isEqualTo(ListStatus.PUBLISHED);
    assertThat(published.items()).isEqualTo(revised);
    assertThat(published.changeSummary()).isEqualTo("与2041年第1版相比：新增0项，删除0项，修改5项，未变0项");
    assertThat(lists.diffToPrevious(published).changed()).hasSize(5);
    assertThat(formulation).isEnded().hasPassed(Element.PublishList.name(), Element.ListPublished.name())
        .variables().containsEntry(Variables.CHANGE_SUMMARY, published.changeSummary());
  }

  @Test
  void aReturnedDraftGoesBackToTheUnitWithTheCommentsAndIsPublishedWhenRevised() throws IOException {
    district.publishLists(2044); // this year's list exists: the formulation makes its next version
    ResponsibilityList before = lists.tailoredList("T01V01", 2044).orElseThrow();
    ProcessInstance formulation = startAs("t01v01sec", "T01V01", 2044);
    Task draft = task(formulation, Element.DraftList);
    assertThat((String) taskService.getVariable(draft.getId(), Variables.DRAFT_BASIS)).contains("2044年第1版");
    completeAs("t01v01staff", draft, Map.of(Variables.ITEMS, json(before.items())));
    execute(job(formulation));

    // level by level (review-routing.dmn): a village's list is reviewed by its town's secretary or discipline
    // inspector, not by the district commission
    Task review = task(formulation, Element.ReviewList);
    assertThat(review).hasCandidateGroup(Groups.of(Role.SECRETARY, "T01"))
        .hasCandidateGroup(Groups.of(Role.INSPECTOR, "T01"));
    assertThatThrownBy(() -> completeAs("jiwei", review, Map.of(Variables.DECISION, "APPROVE")))
        .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
    assertThatThrownBy(() -> completeAs("t01insp", review, Map.of(Variables.DECISION, "RETURN")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("审核意见");
    completeAs("t01insp", review, Map.of(Variables.DECISION, "RETURN",
        Variables.REVIEW_COMMENTS, "未体现今年新增的老旧小区改造资金监管，请补充"));

    Task again = task(formulation, Element.DraftList);
    assertThat(taskService.getVariable(again.getId(), Variables.REVIEW_COMMENTS))
        .isEqualTo("未体现今年新增的老旧小区改造资金监管，请补充");
    long listId = (Long) taskService.getVariable(again.getId(), Variables.LIST_ID);
    assertThat(lists.list(listId).status()).isEqualTo(ListStatus.DRAFT);
    assertThat(lists.list(listId).reviewComment()).contains("老旧小区");

    List<ListItem> revised = new ArrayList<>(before.items());
    revised.add(new ListItem(Responsibility.SUPERVISORY, "改造资金", "监督老旧小区改造资金使用，防止虚报工程量。",
        "纪检委员参与改造项目验收，资金拨付前核对工程量清单，每季度公示资金使用情况。", "虚报工程量套取改造资金", "每季度",
        "验收记录、公示照片", null, "t01v01sec"));
    completeAs("t01v01staff", again, Map.of(Variables.ITEMS, json(revised)));
    execute(job(formulation));
    Task secondReview = task(formulation, Element.ReviewList);
    assertThat(taskService.getVariable(secondReview.getId(), Variables.DECISION)).isNull();
    completeAs("t01sec", secondReview, Map.of(Variables.DECISION, "APPROVE", Variables.REVIEW_COMMENTS, "同意"));
    execute(job(formulation));

    ResponsibilityList published = lists.tailoredList("T01V01", 2044).orElseThrow();
    assertThat(published.version()).isEqualTo(2);
    assertThat(published.items()).hasSize(5);
    // a supervisory item naming no 责任人 is the unit's 纪检委员's
    assertThat(published.items().get(4).responsiblePerson()).isEqualTo("t01v01insp");
    assertThat(published.items().get(4).responsibleLeader()).isEqualTo("t01v01sec");
    assertThat(lists.list(before.id()).status()).isEqualTo(ListStatus.SUPERSEDED);
    ListDiff diff = lists.diffToPrevious(published);
    assertThat(diff.previousVersion()).isEqualTo("2044年第1版");
    assertThat(diff.added()).extracting(ListItem::category).containsExactly("改造资金");
    assertThat(diff.unchanged()).isEqualTo(4);
    assertThat(formulation).isEnded().hasPassed(Element.ReviewList.name(), Element.DraftList.name());
  }

  @Test
  void aListCopiedFromAnotherUnitIsFlaggedNamingThatUnit() throws IOException {
    district.publishLists(2045);
    lists.publish(ListKind.TAILORED, "T01V01", 2046, lists.tailoredList("T01V01", 2045).orElseThrow().items());
    List<ListItem> copied = lists.tailoredList("T01V01", 2046).orElseThrow().items().stream()
        .map(item -> new ListItem(item.responsibility(), item.category(), item.content().replace("社区", "村"),
            item.measures().replace("社区", "村").replace("居民", "村民"), item.riskPoint().replace("社区", "村"),
            item.frequency(), item.evidenceRequired()))
        .toList();

    List<QualityFlag> flags = submitAndCheck("T02V01", 2046, copied);

    assertThat(flags).filteredOn(flag -> flag.kind() == QualityFlagKind.COPYING).singleElement()
        .satisfies(flag -> {
          assertThat(flag.similarUnitCode()).isEqualTo("T01V01");
          assertThat(flag.similarity()).isGreaterThan(0.6);
        });
  }

  @Test
  void itemsUnchangedFromLastYearAreFlaggedAsRelabelled() throws IOException {
    district.publishLists(2047);
    List<ListItem> lastYear = lists.tailoredList("D02", 2047).orElseThrow().items();

    List<QualityFlag> flags = submitAndCheck("D02", 2048, lastYear);

    assertThat(flags).singleElement().satisfies(flag -> {
      assertThat(flag.kind()).isEqualTo(QualityFlagKind.RELABELLING);
      assertThat(flag.itemPositions()).containsExactly(1, 2, 3, 4);
    });
  }

  @Test
  void tooManyItemsAreFlaggedAsStuffing() throws IOException {
    district.publishLists(2049);
    List<ListItem> many = new ArrayList<>();
    for (int i = 1; i <= 16; i++) {
      many.add(new ListItem(Responsibility.MAIN, "事项" + i, "第" + i + "项责任内容：专项整治工作" + "甲乙丙丁戊己庚辛壬癸".charAt(i % 10),
          "措施" + i + "：每月检查" + i + "次并通报", "风险点" + i, "每月", "检查记录"));
    }

    List<QualityFlag> flags = submitAndCheck("A01", 2050, many);

    assertThat(flags).singleElement().satisfies(flag -> {
      assertThat(flag.kind()).isEqualTo(QualityFlagKind.STUFFING);
      assertThat(flag.itemCount()).isEqualTo(16);
      assertThat(flag.maxItems()).isEqualTo(15);
    });
  }

  @Test
  void itemsWithoutARiskPointAreFlagged() throws IOException {
    district.publishLists(2051);
    List<ListItem> items = revise(lists.tailoredList("T02V01", 2051).orElseThrow().items());
    items.set(1, new ListItem(items.get(1).responsibility(), items.get(1).category(), items.get(1).content(),
        items.get(1).measures(), " ", null, null, items.get(1).responsiblePerson(), items.get(1).responsibleLeader()));

    List<QualityFlag> flags = submitAndCheck("T02V01", 2052, items);

    // the demo village's fifth item names no risk point either
    assertThat(flags).singleElement().satisfies(flag -> {
      assertThat(flag.kind()).isEqualTo(QualityFlagKind.MISSING_RISK_POINT);
      assertThat(flag.itemPositions()).containsExactly(2, 5);
    });
  }

  @Test
  void aSecondFormulationOfTheSameUnitAndYearIsRefusedAndCreatesNothing() {
    ProcessInstance first = startAs("jiwei", "D01", 2053);

    assertThatThrownBy(() -> startAs("jiwei", "D01", 2053)).isInstanceOf(ConflictException.class);
    // also straight through the engine, bypassing the service's pre-check
    assertThatThrownBy(() -> engine.getRuntimeService().startProcessInstanceByKey(ListFormulationProcess.KEY,
        withVariables(Variables.UNIT_CODE, "D01", Variables.YEAR, 2053))).isInstanceOf(InvalidInputException.class);

    assertThat(engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(ListFormulationProcess.KEY)
        .processInstanceBusinessKey(ListFormulationProcess.businessKey("D01", 2053)).count()).isEqualTo(1);
    assertThat(jdbc.sql("select count(*) from responsibility_lists where unit_code = 'D01' and list_year = 2053")
        .query(Long.class).single()).isEqualTo(1);
    assertThat(first).isActive();
    // another unit's formulation of the same year is its own
    assertThat(startAs("jiwei", "D02", 2053)).isActive();
  }

  @Test
  void onlyTheCommissionAndTheUnitsOwnSecretaryMayStartAFormulation() {
    assertThatThrownBy(() -> startAs("d02sec", "D01", 2054)).isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> startAs("d01staff", "D01", 2054)).isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> startAs("quwei", "D01", 2054)).isInstanceOf(AuthorizationException.class);
    assertThat(startAs("d01sec", "D01", 2054)).isActive();
  }

  @Test
  void badInputIsRefusedAndChangesNothing() {
    assertThatThrownBy(() -> startAs("jiwei", "D01", "26")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> startAs("jiwei", "NOPE", "2055")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("没有这个单位");

    ProcessInstance formulation = startAs("jiwei", "D01", 2055);
    Task draft = task(formulation, Element.DraftList);
    long listId = (Long) taskService.getVariable(draft.getId(), Variables.LIST_ID);
    ListItem good = new ListItem(Responsibility.MAIN, "招生入学", "规范招生入学。", "招生方案集体研究并公开。", "条子生", "每年", null,
        "d01staff", "d01sec");

    assertThatThrownBy(() -> completeAs("d01staff", draft, Map.of(Variables.ITEMS, json(List.of()))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("至少需要一项");
    assertThatThrownBy(() -> completeAs("d01staff", draft, Map.of(Variables.ITEMS, "not json")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("格式不正确");
    Map<String, Object> noResponsibility = row(good);
    noResponsibility.put("responsibility", "BOTH");
    assertThatThrownBy(() -> completeAs("d01staff", draft, Map.of(Variables.ITEMS, List.of(row(good), noResponsibility))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("第2项").hasMessageContaining("责任类型");
    Map<String, Object> noMeasures = row(good);
    noMeasures.put("measures", "  ");
    assertThatThrownBy(() -> completeAs("d01staff", draft, Map.of(Variables.ITEMS, List.of(noMeasures))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("第1项").hasMessageContaining("履责措施");

    assertThat(taskService.createTaskQuery().taskId(draft.getId()).count()).isEqualTo(1);
    assertThat(lists.list(listId).status()).isEqualTo(ListStatus.DRAFT);
    assertThat(lists.list(listId).items()).isEqualTo(lists.tailoredList("D01", 2040).orElseThrow().items());

    completeAs("d01staff", draft, Map.of(Variables.ITEMS, json(List.of(good))));
    execute(job(formulation));
    Task review = task(formulation, Element.ReviewList);
    assertThatThrownBy(() -> completeAs("jiwei", review, Map.of(Variables.DECISION, "MAYBE")))
        .isInstanceOf(InvalidInputException.class);
    assertThat(lists.list(listId).status()).isEqualTo(ListStatus.SUBMITTED);
  }

  @Test
  void everyItemHasAResponsiblePersonAndLeaderPickedFromTheUnitsPeople() throws IOException {
    district.publishLists(2057);
    ProcessInstance formulation = startAs("jiwei", "T02", 2058);
    Task draft = task(formulation, Element.DraftList);
    long listId = (Long) taskService.getVariable(draft.getId(), Variables.LIST_ID);

    // the form's two lists: the unit's people as "name（posts）", its secretary and team members as leaders
    JsonNode people = new ObjectMapper().readTree(
        taskService.getVariableTyped(draft.getId(), Variables.UNIT_PEOPLE).getValue().toString());
    assertThat(people).extracting(option -> option.get("label").asText())
        .containsExactly("罗秀英（党组织书记）", "郑浩（纪检委员、班子成员）", "林峰（工作人员）");
    assertThat(people).extracting(option -> option.get("value").asText())
        .containsExactly("t02sec", "t02insp", "t02staff");
    JsonNode leaders = new ObjectMapper().readTree(
        taskService.getVariableTyped(draft.getId(), Variables.UNIT_LEADERS).getValue().toString());
    assertThat(leaders).extracting(option -> option.get("value").asText()).containsExactly("t02sec", "t02insp");
    // pre-filled: last year's responsibles, the inspector on supervisory items, the secretary leading
    List<ListItem> prefilled = draftItems.parse(taskService.getVariable(draft.getId(), Variables.ITEMS));
    assertThat(prefilled).filteredOn(item -> item.responsibility() == Responsibility.SUPERVISORY)
        .isNotEmpty().allSatisfy(item -> assertThat(item.responsiblePerson()).isEqualTo("t02insp"));
    assertThat(prefilled).allSatisfy(item -> assertThat(item.responsibleLeader()).isNotNull());

    ListItem main = new ListItem(Responsibility.MAIN, "村级三资", "督促所辖村居规范三资管理。", "每季度抽查村级账目。", "挪用集体资金",
        "每季度", "抽查记录", "t02staff", "t02insp");
    Map<List<ListItem>, String> refusals = new java.util.LinkedHashMap<>();
    refusals.put(List.of(main.withResponsibles(null, "t02sec")), "第1项：请选择责任人");
    refusals.put(List.of(main, main.withResponsibles("t01staff", "t02sec")), "第2项：责任人须为本单位人员，请从列表中选择");
    refusals.put(List.of(main.withResponsibles("t02staff", null)), "第1项：请选择责任领导");
    refusals.put(List.of(main.withResponsibles("t02sec", "t02staff")), "第1项：责任领导须为本单位党组织书记或班子成员，请从列表中选择");
    refusals.put(List.of(main.withResponsibles("t02sec", "t01sec")), "第1项：责任领导须为本单位党组织书记或班子成员，请从列表中选择");
    refusals.forEach((items, message) -> assertThatThrownBy(
        () -> completeAs("t02staff", draft, Map.of(Variables.ITEMS, json(items))))
        .isInstanceOf(InvalidInputException.class).hasMessage(message));
    assertThat(taskService.createTaskQuery().taskId(draft.getId()).count()).isEqualTo(1);
    assertThat(lists.list(listId).status()).isEqualTo(ListStatus.DRAFT);

    // a supervisory item without 责任人: the unit's 纪检委员 takes it
    ListItem supervisory = new ListItem(Responsibility.SUPERVISORY, "监督检查", "监督村级三资管理。", "每半年专项检查一次。", "监督缺位",
        "每半年", "检查记录", null, "t02sec");
    completeAs("t02staff", draft, Map.of(Variables.ITEMS, json(List.of(main, supervisory))));
    assertThat(lists.list(listId).items()).extracting(ListItem::responsiblePerson, ListItem::responsibleLeader)
        .containsExactly(tuple("t02staff", "t02insp"), tuple("t02insp", "t02sec"));
    // what the drafter gets back if the draft is returned: the stored items with their responsibles
    assertThat(draftItems.parse(runtime().getVariable(formulation.getId(), Variables.ITEMS)))
        .isEqualTo(lists.list(listId).items());
  }

  @Test
  void theUnitsOwnStaffCannotReviewItsList() throws IOException {
    ProcessInstance formulation = startAs("jiwei", "D02", 2056);
    completeAs("d02staff", task(formulation, Element.DraftList),
        Map.of(Variables.ITEMS, json(revise(lists.tailoredList("D02", 2040).orElseThrow().items()))));
    execute(job(formulation));
    Task review = task(formulation, Element.ReviewList);
    assertThatThrownBy(() -> completeAs("d02staff", review, Map.of(Variables.DECISION, "APPROVE")))
        .isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> completeAs("d01staff", task(formulation, Element.ReviewList), Map.of()))
        .isInstanceOf(AuthorizationException.class);
  }

  // --- helpers

  private List<QualityFlag> submitAndCheck(String unitCode, int year, List<ListItem> items) {
    ProcessInstance formulation = startAs("jiwei", unitCode, year);
    Task draft = task(formulation, Element.DraftList);
    long listId = (Long) taskService.getVariable(draft.getId(), Variables.LIST_ID);
    // each item with a 责任人 and a 责任领导 of this unit, as the drafter picks them
    completeAs(candidateOf(draft), draft, Map.of(Variables.ITEMS, json(responsibles.defaults(unitCode, items, true))));
    execute(job(formulation));
    Task review = task(formulation, Element.ReviewList);
    String report = (String) taskService.getVariable(review.getId(), Variables.QUALITY_REPORT);
    List<QualityFlag> flags = flagsOf(listId);
    assertThat(report).contains("发现" + flags.size() + "个问题");
    flags.forEach(flag -> assertThat(report).contains(flag.message()));
    assertThat(taskService.getVariable(review.getId(), Variables.QUALITY_FLAG_COUNT)).isEqualTo(flags.size());
    // the check is idempotent: running it again leaves one set of findings
    steps.check(listId);
    assertThat(flagsOf(listId)).isEqualTo(flags);
    return flags;
  }

  private List<QualityFlag> flagsOf(long listId) {
    return steps.flagsOf(listId);
  }

  private ProcessInstance startAs(String userId, String unitCode, int year) {
    return startAs(userId, unitCode, String.valueOf(year));
  }

  private ProcessInstance startAs(String userId, String unitCode, String year) {
    identity.setAuthentication(userId, groupsOf(userId));
    String id;
    try {
      id = formulations.start(unitCode, year).processInstanceId();
    } finally {
      identity.clearAuthentication();
    }
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
  }

  private Task task(ProcessInstance formulation, Element element) {
    return taskService.createTaskQuery().processInstanceId(formulation.getId()).taskDefinitionKey(element.name())
        .singleResult();
  }

  /** Completes the task as the user, with the user's real groups, so Camunda authorizations apply. */
  private org.camunda.bpm.engine.RuntimeService runtime() {
    return engine.getRuntimeService();
  }

  private void completeAs(String userId, Task task, Map<String, Object> variables) {
    actAs.complete(userId, task, variables);
  }

  private List<String> groupsOf(String userId) {
    return identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
  }

  /** The one person in the task's candidate group. */
  private String candidateOf(Task task) {
    String group = taskService.getIdentityLinksForTask(task.getId()).get(0).getGroupId();
    return identity.createUserQuery().memberOfGroup(group).singleResult().getId();
  }

  /** The items as the drafting form submits them: a JSON array. */
  private TypedValue json(List<ListItem> items) {
    return draftItems.variable(items);
  }

  private static Map<String, Object> row(ListItem item) {
    Map<String, Object> row = new HashMap<>();
    row.put("responsibility", item.responsibility().name());
    row.put("category", item.category());
    row.put("content", item.content());
    row.put("measures", item.measures());
    row.put("riskPoint", item.riskPoint());
    row.put("responsiblePerson", item.responsiblePerson());
    row.put("responsibleLeader", item.responsibleLeader());
    return row;
  }

  /** A genuine revision: every item's measures are this year's own. */
  private static List<ListItem> revise(List<ListItem> items) {
    List<ListItem> revised = new ArrayList<>();
    for (ListItem item : items) {
      revised.add(new ListItem(item.responsibility(), item.category(), item.content(),
          item.measures() + "本年度起每季度由纪检组织抽查落实情况并通报。", item.riskPoint(), item.frequency(),
          item.evidenceRequired(), item.responsiblePerson(), item.responsibleLeader()));
    }
    return revised;
  }

}
