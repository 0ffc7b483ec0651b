package org.liangze.dutyreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.dutyreport.DutyReportProcess.Element;
import org.liangze.dutyreport.DutyReportProcess.Variables;
import org.liangze.lists.ListItem;
import org.liangze.lists.ListKind;
import org.liangze.lists.ListService;
import org.liangze.organisation.Groups;
import org.liangze.organisation.IdentitySync;
import org.liangze.organisation.Role;
import org.liangze.platform.InvalidInputException;
import org.liangze.record.RecordManual;
import org.liangze.support.ActAs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * A team member's yearly duty-and-integrity report (述责述廉) through the real model: the commission starts the year
 * once for every team member; the member writes on the items of their area; the unit's secretary returns it with
 * comments or approves it; both steps go into the unit's record manual.
 */
@SpringBootTest
@ActiveProfiles("test")
class DutyReportProcessTest {

  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired DutyReports reports;
  @Autowired ListService lists;
  @Autowired IdentityService identity;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ActAs actAs;
  @Autowired RecordManual manual;
  @Autowired JdbcClient jdbc;
  @Autowired FilterService filters;

  @BeforeEach
  void district() throws IOException {
    district.seedIfEmpty(2030);
    identitySync.sync();
  }

  @AfterEach
  void logout() {
    identity.clearAuthentication();
  }

  @Test
  void eachTeamMemberReportsOnTheirAreaAndTheSecretaryReviews() throws IOException {
    district.publishLists(2061);
    // 郑浩 (t02insp, inspector and team member of 西营镇) leads the town's main items
    List<ListItem> items = lists.tailoredList("T02", 2061).orElseThrow().items().stream()
        .map(item -> item.withResponsibles(item.responsiblePerson(), "t02insp")).toList();
    lists.publish(ListKind.TAILORED, "T02", 2061, items);

    assertThat(startYear("jiwei", "2061").started()).isEqualTo(1); // the demo district's one team member
    assertThat(startYear("jiwei", "2061").started()).as("once a year").isZero();
    assertThatThrownBy(() -> startYear("jiwei", "20x1")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("年度格式不正确");
    assertThatThrownBy(() -> startYear("t02sec", "2062")).isInstanceOf(AuthorizationException.class);

    Task write = task(Element.WriteDutyReport);
    assertThat(write.getAssignee()).isEqualTo("t02insp");
    assertThat(write.getName()).isEqualTo("撰写年度述责述廉报告（郑浩）");
    assertThat(write.getDueDate()).isNotNull();
    // assigned to the member alone, it is in their "我的待办" in Tasklist, and in nobody else's
    assertThat(myTasks("t02insp")).extracting(Task::getId).contains(write.getId());
    assertThat(myTasks("t02sec")).extracting(Task::getId).doesNotContain(write.getId());
    assertThat(myTasks("t02staff")).extracting(Task::getId).doesNotContain(write.getId());
    assertThat((String) tasks.getVariable(write.getId(), Variables.AREA_ITEMS))
        .startsWith("2061年度由您分管的清单事项（" + items.size() + "项）").contains(items.get(0).content());
    assertThatThrownBy(() -> actAs.complete("t02staff", write, Map.of(Variables.REPORT, "代写")))
        .isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> actAs.complete("t02insp", write, Map.of(Variables.REPORT, "  ")))
        .isInstanceOf(InvalidInputException.class).hasMessage("请填写述责述廉报告");
    actAs.complete("t02insp", write, Map.of(Variables.REPORT, "本年度分管村级三资监管，开展专项检查两次。"));

    Task review = task(Element.ReviewDutyReport);
    assertThat(myTasks("t02sec")).extracting(Task::getId).contains(review.getId());
    assertThat(myTasks("t02insp")).extracting(Task::getId).doesNotContain(review.getId());
    assertThat(tasks.getIdentityLinksForTask(review.getId())).extracting(link -> link.getGroupId())
        .containsExactly(Groups.of(Role.SECRETARY, "T02"));
    assertThatThrownBy(() -> actAs.complete("t02sec", review, Map.of(Variables.DECISION, "RETURN")))
        .isInstanceOf(InvalidInputException.class).hasMessage("退回修改时请写明审阅意见");
    actAs.complete("t02sec", review,
        Map.of(Variables.DECISION, "RETURN", Variables.REVIEW_COMMENTS, "请补充廉洁自律方面的情况"));

    Task again = task(Element.WriteDutyReport);
    assertThat(tasks.getVariable(again.getId(), Variables.REVIEW_COMMENTS)).isEqualTo("请补充廉洁自律方面的情况");
    actAs.complete("t02insp", again, Map.of(Variables.REPORT, "本年度分管村级三资监管，开展专项检查两次；严守廉洁自律规定。"));
    actAs.complete("t02sec", task(Element.ReviewDutyReport), Map.of(Variables.DECISION, "APPROVE"));

    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(DutyReportProcess.KEY).count()).isZero();
    assertThat(jdbc.sql("select status from duty_reports where report_year = 2061 and user_id = 't02insp'")
        .query(String.class).single()).isEqualTo("ACCEPTED");
    assertThat(manual.entriesOf("T02")).anySatisfy(entry -> {
      assertThat(entry.actor()).isEqualTo("t02insp");
      assertThat(entry.summary()).contains("撰写年度述责述廉报告（郑浩）");
    }).anySatisfy(entry -> {
      assertThat(entry.actor()).isEqualTo("t02sec");
      // the review's outcome as its form words it (通过), not the platform's words for the code (审核通过)
      assertThat(entry.summary()).contains("审阅述责述廉报告（郑浩）").endsWith("结果：通过");
    });
  }

  @Test
  void onlyATeamMemberOfTheUnitReports() {
    assertThatThrownBy(() -> runtime.startProcessInstanceByKey(DutyReportProcess.KEY, Map.of(
        Variables.YEAR, 2063, Variables.UNIT_CODE, "T02", Variables.MEMBER_ID, "t02staff")))
        .isInstanceOf(InvalidInputException.class).hasMessage("述责述廉人不是西营镇的班子成员");
    assertThat(jdbc.sql("select count(*) from duty_reports where report_year = 2063").query(Long.class).single())
        .isZero();
  }

  private DutyReports.Started startYear(String userId, String year) {
    identity.setAuthentication(userId, actAs.groupsOf(userId));
    try {
      return reports.startYear(year);
    } finally {
      identity.clearAuthentication();
    }
  }

  /** The tasks Tasklist's shared filter "我的待办" shows the person, evaluated with their own authorizations. */
  private List<Task> myTasks(String userId) {
    Filter mine = filters.createFilterQuery().filterName("我的待办").singleResult();
    identity.setAuthentication(userId, actAs.groupsOf(userId));
    try {
      return filters.list(mine.getId());
    } finally {
      identity.clearAuthentication();
    }
  }

  private Task task(Element element) {
    return tasks.createTaskQuery().processDefinitionKey(DutyReportProcess.KEY)
        .taskDefinitionKey(element.name()).singleResult();
  }
}
