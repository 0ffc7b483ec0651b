package org.liangze.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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
import org.liangze.lists.CommonListProcess.Element;
import org.liangze.lists.CommonListProcess.Variables;
import org.liangze.organisation.Groups;
import org.liangze.organisation.IdentitySync;
import org.liangze.organisation.UnitType;
import org.liangze.platform.ConflictException;
import org.liangze.platform.InvalidInputException;
import org.liangze.support.ActAs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Every path of the common-list model, driven through its real entry points ({@link CommonLists#start} and
 * {@link CommonLists#importDraft}) on the real application with its delegates; the job executor is off and the test
 * runs each job itself, with the engine's clock fixed. Each test works on years of its own. Process test coverage
 * must reach every flow node and sequence flow.
 */
@SpringBootTest
@ActiveProfiles("test")
@Import({ProcessEngineCoverageConfiguration.class, CommonListProcessTest.FullCoverage.class})
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class CommonListProcessTest {

  @TestConfiguration
  static class FullCoverage {
    @Bean
    ProcessEngineCoverageProperties processEngineCoverageProperties() {
      return ProcessEngineCoverageProperties.Companion.builder().assertClassCoverageAtLeast(1.0).build();
    }
  }

  static final Instant NOW = Instant.parse("2026-01-05T01:30:00Z");

  @Autowired ActAs actAs;
  @Autowired ProcessEngine engine;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired CommonLists commonLists;
  @Autowired ListService lists;
  @Autowired DraftItems draftItems;
  @Autowired IdentityService identity;
  @Autowired TaskService taskService;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void district() throws IOException {
    AbstractAssertions.reset();
    BpmnAwareTests.init(engine);
    district.seedIfEmpty(2040);
    identitySync.sync();
    ClockUtil.setCurrentTime(Date.from(NOW));
  }

  @AfterEach
  void reset() {
    identity.clearAuthentication();
    ClockUtil.reset();
  }

  @Test
  void theCommissionDraftsFromThisYearsListTheCommitteeReturnsItThenApprovesTheRevisionWhichIsPublished()
      throws IOException {
    district.publishLists(2060); // the demo's common list for every type in use
    ResponsibilityList thisYear = lists.commonList(UnitType.SUBDISTRICT_OR_TOWN, 2060).orElseThrow();

    ProcessInstance round = startAs("jiwei", "SUBDISTRICT_OR_TOWN", "2061");
    assertThat(round).isWaitingAt(Element.DraftCommonList.name());
    assertThat(round.getBusinessKey()).isEqualTo("common-list-SUBDISTRICT_OR_TOWN-2061");
    Task draft = task(round, Element.DraftCommonList);
    assertThat(draft.getName()).isEqualTo("编制共性清单（街镇·2061年度）");
    assertThat(draft).hasCandidateGroup(Groups.DISCIPLINE_COMMISSION);
    assertThat(draft.getDueDate()).isEqualTo(Date.from(NOW.plus(Duration.ofDays(14))));
    // next year's draft starts from this year's published list of the type
    assertThat(draftItems.parse(taskService.getVariable(draft.getId(), Variables.ITEMS)))
        .isEqualTo(thisYear.items());
    assertThat((String) taskService.getVariable(draft.getId(), Variables.DRAFT_BASIS))
        .contains("2060年第1版街镇共性清单");
    long listId = (Long) taskService.getVariable(draft.getId(), Variables.LIST_ID);
    assertThat(lists.list(listId).status()).isEqualTo(ListStatus.DRAFT);
    assertThat(lists.list(listId).unitType()).isEqualTo(UnitType.SUBDISTRICT_OR_TOWN);

    List<ListItem> withVillageFunds = new ArrayList<>(thisYear.items());
    withVillageFunds.add(new ListItem(Responsibility.SUPERVISORY, "村级三资", "督促所辖村居规范村级集体资金、资产、资源管理。",
        "每半年抽查所辖村居三资台账和大额支出审批记录，发现问题督促整改销号。", "村干部挪用侵占集体资金", "每半年", "抽查记录、整改台账"));
    completeAs("jiwei", draft, Map.of(Variables.ITEMS, draftItems.variable(withVillageFunds)));
    assertThat(lists.list(listId).status()).isEqualTo(ListStatus.SUBMITTED);

    Task review = task(round, Element.ReviewCommonList);
    assertThat(review.getName()).isEqualTo("审核共性清单（街镇·2061年度）");
    assertThat(review).hasCandidateGroup(Groups.DISTRICT_COMMITTEE);
    assertThat(review.getDueDate()).isEqualTo(Date.from(NOW.plus(Duration.ofDays(7))));
    assertThat((String) taskService.getVariable(review.getId(), Variables.CHANGES))
        .startsWith("与2060年第1版相比：新增1项，删除0项，修改0项，未变16项").contains("新增：", "村级三资");
    assertThat((String) taskService.getVariable(review.getId(), Variables.DRAFT_SUMMARY)).contains("17. 【监督责任·村级三资】");
    // the commission cannot approve its own draft
    assertThatThrownBy(() -> completeAs("jiwei", review, Map.of(Variables.DECISION, "APPROVE")))
        .isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> completeAs("quwei", review, Map.of(Variables.DECISION, "RETURN")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("审核意见");
    completeAs("quwei", review, Map.of(Variables.DECISION, "RETURN", Variables.REVIEW_COMMENTS,
        "村级三资应写明由街镇纪（工）委牵头，频次改为每季度"));

    Task again = task(round, Element.DraftCommonList);
    assertThat(taskService.getVariable(again.getId(), Variables.REVIEW_COMMENTS)).asString().contains("每季度");
    assertThat(lists.list(listId).status()).isEqualTo(ListStatus.DRAFT);
    assertThat(draftItems.parse(taskService.getVariable(again.getId(), Variables.ITEMS))).isEqualTo(withVillageFunds);
    List<ListItem> revised = new ArrayList<>(thisYear.items());
    revised.add(new ListItem(Responsibility.SUPERVISORY, "村级三资", "街镇纪（工）委牵头督促所辖村居规范村级集体资金、资产、资源管理。",
        "每季度抽查所辖村居三资台账和大额支出审批记录，发现问题督促整改销号。", "村干部挪用侵占集体资金", "每季度", "抽查记录、整改台账"));
    completeAs("jiwei", again, Map.of(Variables.ITEMS, draftItems.variable(revised)));

    Task secondReview = task(round, Element.ReviewCommonList);
    assertThat(taskService.getVariable(secondReview.getId(), Variables.DECISION)).isNull();
    completeAs("quwei", secondReview, Map.of(Variables.DECISION, "APPROVE", Variables.REVIEW_COMMENTS, "同意"));
    assertThat(round).isWaitingAt(Element.PublishCommonList.name());
    assertThat(lists.commonList(UnitType.SUBDISTRICT_OR_TOWN, 2061)).isEmpty();
    execute(job(round));

    ResponsibilityList published = lists.commonList(UnitType.SUBDISTRICT_OR_TOWN, 2061).orElseThrow();
    assertThat(published.id()).isEqualTo(listId);
    assertThat(published.version()).isEqualTo(1);
    assertThat(published.items()).isEqualTo(revised);
    assertThat(published.reviewComment()).isEqualTo("同意");
    assertThat(published.changeSummary()).isEqualTo("与2060年第1版相比：新增1项，删除0项，修改0项，未变16项");
    assertThat(round).isEnded().hasPassed(Element.ReviewCommonList.name(), Element.PublishCommonList.name(),
        Element.CommonListPublished.name())
        .variables().containsEntry(Variables.CHANGE_SUMMARY, published.changeSummary());
    // the other types have no 2061 list yet; the town list of 2060 is untouched
    assertThat(lists.commonList(UnitType.VILLAGE_OR_COMMUNITY, 2061)).isEmpty();
    assertThat(lists.list(thisYear.id()).status()).isEqualTo(ListStatus.PUBLISHED);
    assertThat(commonLists.published(2061)).filteredOn(p -> p.list() != null)
        .extracting(CommonLists.Published::unitType).containsExactly(UnitType.SUBDISTRICT_OR_TOWN);

    // the round is closed: the list can be revised again, starting from the published version
    ProcessInstance revision = startAs("jiwei", "街镇", "2061");
    Task redraft = task(revision, Element.DraftCommonList);
    assertThat((String) taskService.getVariable(redraft.getId(), Variables.DRAFT_BASIS)).contains("2061年第1版街镇共性清单");
    assertThat(lists.list((Long) taskService.getVariable(redraft.getId(), Variables.LIST_ID)).version()).isEqualTo(2);
  }

  @Test
  void aSecondOpenRoundOfTheSameTypeAndYearIsRefusedAndCreatesNothing() {
    ProcessInstance first = startAs("jiwei", "VILLAGE_OR_COMMUNITY", "2062");

    assertThatThrownBy(() -> startAs("jiwei", "VILLAGE_OR_COMMUNITY", "2062")).isInstanceOf(ConflictException.class)
        .hasMessage("2062年度村居共性清单正在编制或审核中，不能重复启动");
    // also straight through the engine, bypassing the service's pre-check
    assertThatThrownBy(() -> engine.getRuntimeService().startProcessInstanceByKey(CommonListProcess.KEY,
        withVariables(Variables.UNIT_TYPE, "VILLAGE_OR_COMMUNITY", Variables.YEAR, 2062)))
        .isInstanceOf(InvalidInputException.class);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(CommonListProcess.KEY)
        .variableValueEquals(Variables.UNIT_TYPE, "VILLAGE_OR_COMMUNITY").variableValueEquals(Variables.YEAR, 2062)
        .count()).isEqualTo(1);
    assertThat(jdbc.sql("select count(*) from responsibility_lists where unit_type = 'VILLAGE_OR_COMMUNITY'"
        + " and list_year = 2062").query(Long.class).single()).isEqualTo(1);
    assertThat(first).isActive();
    // whoever else asks is refused as such, not told about the open round
    assertThatThrownBy(() -> startAs("quwei", "VILLAGE_OR_COMMUNITY", "2062"))
        .isInstanceOf(AuthorizationException.class);
    // another type of the same year is a round of its own
    assertThat(startAs("jiwei", "SECTION_OR_STATION", "2062")).isActive();

    // a cancelled round is closed too
    engine.getRuntimeService().deleteProcessInstance(first.getId(), "撤销");
    assertThat(startAs("jiwei", "VILLAGE_OR_COMMUNITY", "2062")).isActive();
  }

  @Test
  void onlyTheCommissionStartsARoundAndBadInputIsRefused() {
    assertThatThrownBy(() -> startAs("quwei", "AFFILIATED_UNIT", "2063")).isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> startAs("d01sec", "AFFILIATED_UNIT", "2063"))
        .isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> startAs("jiwei", "TOWN", "2063")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("单位类型不正确");
    assertThatThrownBy(() -> startAs("jiwei", "AFFILIATED_UNIT", "63")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("年度格式不正确");

    ProcessInstance round = startAs("jiwei", "AFFILIATED_UNIT", "2063");
    Task draft = task(round, Element.DraftCommonList);
    assertThat((String) taskService.getVariable(draft.getId(), Variables.DRAFT_BASIS)).contains("2040年第1版");
    assertThatThrownBy(() -> completeAs("jiwei", draft, Map.of(Variables.ITEMS, draftItems.variable(List.of()))))
        .isInstanceOf(InvalidInputException.class).hasMessage("区属部门共性清单至少需要一项");
    assertThat(task(round, Element.DraftCommonList)).isNotNull();
  }

  @Test
  void anImportedListIsADraftUnderReviewAndTheSameListImportedAgainChangesNothing() throws IOException {
    district.publishLists(2064);
    List<ListItem> published = lists.commonList(UnitType.DISTRICT_DEPARTMENT, 2064).orElseThrow().items();

    CommonLists.Imported same = commonLists.importDraft(UnitType.DISTRICT_DEPARTMENT, 2064, published, "orgadmin");
    assertThat(same.outcome()).isEqualTo(CommonLists.ImportOutcome.UNCHANGED);
    assertThat(same.processInstanceId()).isNull();

    List<ListItem> bad = List.of(published.get(0), new ListItem(Responsibility.MAIN, "研究部署", "内容", null, null, null,
        null));
    assertThatThrownBy(() -> commonLists.importDraft(UnitType.DISTRICT_DEPARTMENT, 2064, bad, "orgadmin"))
        .isInstanceOf(InvalidInputException.class).hasMessage("第2项：请填写履责措施");

    List<ListItem> shorter = published.subList(0, 10);
    identity.setAuthentication("orgadmin", List.of("organisationadmins"));
    CommonLists.Imported imported;
    try {
      imported = commonLists.importDraft(UnitType.DISTRICT_DEPARTMENT, 2064, shorter, "orgadmin");
    } finally {
      identity.clearAuthentication();
    }
    assertThat(imported.outcome()).isEqualTo(CommonLists.ImportOutcome.REVIEW_STARTED);
    ProcessInstance round = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceId(imported.processInstanceId()).singleResult();
    Task draft = task(round, Element.DraftCommonList);
    assertThat(draftItems.parse(taskService.getVariable(draft.getId(), Variables.ITEMS))).isEqualTo(shorter);
    assertThat((String) taskService.getVariable(draft.getId(), Variables.DRAFT_BASIS)).contains("由orgadmin从组织导入");
    assertThat(jdbc.sql("select source || ':' || started_by from common_list_rounds where process_instance_id = ?")
        .param(round.getId()).query(String.class).single()).isEqualTo("IMPORT:orgadmin");
    // not published until reviewed
    assertThat(lists.commonList(UnitType.DISTRICT_DEPARTMENT, 2064).orElseThrow().items()).hasSize(16);
    assertThatThrownBy(() -> commonLists.importDraft(UnitType.DISTRICT_DEPARTMENT, 2064, shorter, "orgadmin"))
        .isInstanceOf(ConflictException.class);

    completeAs("jiwei", draft, Map.of(Variables.ITEMS, taskService.getVariableTyped(draft.getId(), Variables.ITEMS)));
    Task review = task(round, Element.ReviewCommonList);
    assertThat((String) taskService.getVariable(review.getId(), Variables.CHANGES))
        .startsWith("与2064年第1版相比：新增0项，删除6项，修改0项，未变10项");
    completeAs("quwei", review, Map.of(Variables.DECISION, "APPROVE"));
    execute(job(round));
    ResponsibilityList now = lists.commonList(UnitType.DISTRICT_DEPARTMENT, 2064).orElseThrow();
    assertThat(now.version()).isEqualTo(2);
    assertThat(now.items()).isEqualTo(shorter);
    assertThat(lists.previousVersion(now).orElseThrow().status()).isEqualTo(ListStatus.SUPERSEDED);
  }

  // --- helpers

  private ProcessInstance startAs(String userId, String unitType, String year) {
    identity.setAuthentication(userId, actAs.groupsOf(userId));
    String id;
    try {
      id = commonLists.start(unitType, year).processInstanceId();
    } finally {
      identity.clearAuthentication();
    }
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
  }

  private Task task(ProcessInstance round, Element element) {
    return taskService.createTaskQuery().processInstanceId(round.getId()).taskDefinitionKey(element.name())
        .singleResult();
  }

  private void completeAs(String userId, Task task, Map<String, Object> variables) {
    actAs.complete(userId, task, variables);
  }
}
