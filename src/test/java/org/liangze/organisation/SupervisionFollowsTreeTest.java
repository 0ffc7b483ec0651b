package org.liangze.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.escalation.OverdueWork;
import org.liangze.imports.ImportReport;
import org.liangze.imports.OrganisationImports;
import org.liangze.lists.ListFormulations;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Level by level in the engine (DESIGN §2): a town's secretary, discipline inspector and team members read their
 * villages' tasks, process instances and history, cannot work on them, and see nothing of another town's villages;
 * a village sees nothing of its town or its sibling; when the tree changes (a village moves to another town,
 * {@link OrganisationChanged}) the reading follows at once, and a second sync writes nothing.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SupervisionFollowsTreeTest {

  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired IdentityService identity;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired ListFormulations formulations;
  @Autowired UnitRepository units;
  @Autowired TransactionTemplate transaction;
  @Autowired ApplicationEventPublisher events;

  @BeforeEach
  void district() throws IOException {
    district.seedIfEmpty(2051);
    identitySync.sync();
  }

  @AfterEach
  void logout() {
    identity.clearAuthentication();
  }

  @Test
  void aTownReadsItsVillagesWorkAndNothingOfOthersAndTheReadingFollowsTheTree() {
    // T01V01's secretary starts the village's list formulation: its staff get the draft task
    String instance = as("t01v01sec", () -> formulations.start("T01V01", "2051").processInstanceId());
    String taskId = tasks.createTaskQuery().processInstanceId(instance).singleResult().getId();

    // the village's own staff work on it; its town's leading posts read it, instance and history included
    for (String town : List.of("t01sec", "t01insp")) {
      assertThat(reads(town, taskId, instance)).as(town).isTrue();
    }
    assertThat(as("t01v01staff", () -> tasks.createTaskQuery().taskId(taskId).count())).isOne();
    // ... but cannot work on it
    assertThatThrownBy(() -> as("t01sec", () -> {
      tasks.complete(taskId, Map.of());
      return null;
    })).isInstanceOf(AuthorizationException.class);
    assertThat(tasks.createTaskQuery().taskId(taskId).count()).isOne();
    // the town's staff (no supervising post), another town, the sibling section and the district department see
    // nothing of it
    for (String outsider : List.of("t01staff", "t02sec", "t02insp", "t01s01sec", "d01sec", "t02v01sec")) {
      assertThat(seesAnything(outsider, taskId, instance)).as(outsider).isFalse();
    }
    // the commission sees the district
    assertThat(reads("jiwei", taskId, instance)).isTrue();

    // the village moves from 洪家楼街道 to 西营镇: T02's posts read it, T01's no longer do
    transaction.executeWithoutResult(status -> units.upsertAll(List.of(
        new Unit("T01V01", "洪家楼街道花园社区", UnitType.VILLAGE_OR_COMMUNITY, "T02"))));
    events.publishEvent(new OrganisationChanged(Set.of(), Set.of(), Set.of(), Set.of(), Set.of("T01V01"), "zuzhi"));
    assertThat(groupsOf("t02sec")).contains(Groups.supervisorsOf("T01V01"));
    assertThat(groupsOf("t01sec")).doesNotContain(Groups.supervisorsOf("T01V01"));
    assertThat(reads("t02sec", taskId, instance)).isTrue();
    assertThat(reads("t02insp", taskId, instance)).isTrue();
    assertThat(seesAnything("t01sec", taskId, instance)).isFalse();
    assertThat(seesAnything("t01insp", taskId, instance)).isFalse();
    assertThat(identitySync.sync().writes()).isZero();

    // and back, for the other tests of this context
    transaction.executeWithoutResult(status -> units.upsertAll(List.of(
        new Unit("T01V01", "洪家楼街道花园社区", UnitType.VILLAGE_OR_COMMUNITY, "T01"))));
    events.publishEvent(new OrganisationChanged(Set.of(), Set.of(), Set.of(), Set.of(), Set.of("T01V01"), "zuzhi"));
    assertThat(reads("t01sec", taskId, instance)).isTrue();
    assertThat(seesAnything("t02sec", taskId, instance)).isFalse();
  }

  /**
   * The organisation import moves a unit (nobody's posts change): identity follows the tree at once, and the same
   * file again changes nothing.
   */
  @Test
  void anImportThatMovesAUnitMovesItsSupervisors(@Autowired OrganisationImports imports,
      @Autowired PersonRepository people) {
    assertThat(groupsOf("t01sec")).contains(Groups.supervisorsOf("T01V02"));
    ImportReport moved = imports.importRows("tree-test", unitRows("T01V02", "T02"), peopleRows(people), "zuzhi");
    assertThat(moved.applied()).as(moved.problems().toString()).isTrue();
    assertThat(groupsOf("t02sec")).contains(Groups.supervisorsOf("T01V02"));
    assertThat(groupsOf("t02insp")).contains(Groups.supervisorsOf("T01V02"));
    assertThat(groupsOf("t01sec")).doesNotContain(Groups.supervisorsOf("T01V02"));
    assertThat(identitySync.sync().writes()).isZero();

    ImportReport back = imports.importRows("tree-test", unitRows("T01V02", "T01"), peopleRows(people), "zuzhi");
    assertThat(back.applied()).as(back.problems().toString()).isTrue();
    assertThat(groupsOf("t01sec")).contains(Groups.supervisorsOf("T01V02"));
    assertThat(groupsOf("t02sec")).doesNotContain(Groups.supervisorsOf("T01V02"));
  }

  /** The district's units as import rows, one of them under another parent. */
  private List<Map<String, String>> unitRows(String moved, String parent) {
    return units.findAllActive().stream().map(unit -> Map.of(
        OrganisationImports.Columns.UNIT_CODE, unit.code(), OrganisationImports.Columns.UNIT_NAME, unit.name(),
        OrganisationImports.Columns.UNIT_TYPE, unit.type().label(), OrganisationImports.Columns.PARENT_CODE,
        unit.code().equals(moved) ? parent : unit.parentCode() == null ? "" : unit.parentCode())).toList();
  }

  /** Everyone's posts as import rows, unchanged. */
  private static List<Map<String, String>> peopleRows(PersonRepository people) {
    return people.findAll().stream().flatMap(person -> person.posts().stream().map(post -> Map.of(
        OrganisationImports.Columns.LOGIN, person.userId(), OrganisationImports.Columns.NAME, person.name(),
        OrganisationImports.Columns.UNIT_CODE, post.unitCode() == null ? "" : post.unitCode(),
        OrganisationImports.Columns.POST, post.role().label(),
        OrganisationImports.Columns.MOBILE, person.mobile() == null ? "" : person.mobile(),
        OrganisationImports.Columns.EMAIL, person.email() == null ? "" : person.email()))).toList();
  }

  @Test
  void theSupervisorsOfAUnitAreTheLeadingPostsOfItsParent() {
    assertThat(groupsOf("t01sec")).contains(Groups.supervisorsOf("T01V01"), Groups.supervisorsOf("T01S01"));
    assertThat(groupsOf("t02insp")).contains(Groups.supervisorsOf("T02V01"));
    assertThat(groupsOf("d01sec")).contains(Groups.supervisorsOf("D01S01"));
    // staff supervise nobody; a village or section supervises nobody; nobody supervises the level under the
    // district from a unit
    assertThat(groupsOf("t01staff")).noneMatch(group -> Groups.supervisedUnitOf(group).isPresent());
    assertThat(groupsOf("t01v01sec")).noneMatch(group -> Groups.supervisedUnitOf(group).isPresent());
    assertThat(Official.of("t01sec", groupsOf("t01sec")).canSee("T01V01")).isTrue();
    assertThat(Official.of("t01sec", groupsOf("t01sec")).canSee("T02V01")).isFalse();
    assertThat(Official.of("t01v01sec", groupsOf("t01v01sec")).canSee("T01")).isFalse();
    assertThat(Official.of("t01v01sec", groupsOf("t01v01sec")).canSee("T01S01")).isFalse();
    // a supervisors group is no post: it gives no unit of one's own
    assertThat(Official.of("t01sec", groupsOf("t01sec")).unitCodes()).containsExactly("T01");
  }

  /**
   * The overdue report (what the Cockpit plugin and {@code /api/overdue} show) is the viewer's subtree: a town sees
   * itself and its villages and section ranked, the most red work first, and nothing of another town's village; a
   * village sees itself only.
   */
  @Test
  void aTownSeesItsSubtreesOverdueWorkRanked(@Autowired OverdueWork overdue) {
    java.util.Date longAgo = java.util.Date.from(java.time.Instant.now().minus(java.time.Duration.ofDays(40)));
    overdueTask("T01V02", longAgo);
    overdueTask("T01V02", longAgo);
    overdueTask("T01V02", longAgo);
    overdueTask("T01V01", longAgo);
    overdueTask("T02V01", longAgo);

    OverdueWork.Report town = overdue.report(Official.of("t01sec", groupsOf("t01sec")));
    List<String> ranked = town.units().stream().map(OverdueWork.UnitOverdue::unitCode).toList();
    assertThat(ranked).contains("T01V01", "T01V02").doesNotContain("T02V01", "T02", "D01");
    assertThat(ranked).allMatch(unit -> unit.startsWith("T01"));
    assertThat(ranked.indexOf("T01V02")).isLessThan(ranked.indexOf("T01V01"));
    assertThat(overdue.report(Official.of("t01v01sec", groupsOf("t01v01sec"))).units())
        .extracting(OverdueWork.UnitOverdue::unitCode).containsOnly("T01V01");
    assertThat(overdue.report(Official.of("t02sec", groupsOf("t02sec"))).units())
        .extracting(OverdueWork.UnitOverdue::unitCode).contains("T02V01").doesNotContain("T01V01", "T01V02");
  }

  /**
   * Tasks and an instance created in one command, each task offered to two groups of the village: its supervisors get
   * one authorization per resource (the unique constraint allows no other), read on each; a group of the village
   * added later, in a command of its own, finds the stored ones and adds nothing.
   */
  @Test
  void tasksCreatedTogetherGiveTheSupervisorsOneGrantEach(@Autowired RepositoryService repository,
      @Autowired JdbcClient jdbc) {
    String village = "T01V01";
    String groups = Groups.of(Role.SECRETARY, village) + "," + Groups.of(Role.STAFF, village);
    repository.createDeployment().name("grants-in-one-command").addModelInstance("grants.bpmn",
        Bpmn.createExecutableProcess("grantsInOneCommand").camundaHistoryTimeToLive(1).startEvent()
            .parallelGateway("Fork").userTask("First").camundaCandidateGroups(groups).endEvent()
            .moveToNode("Fork").userTask("Second").camundaCandidateGroups(groups).endEvent().done()).deploy();
    String instance = runtime.startProcessInstanceByKey("grantsInOneCommand", Map.of("unitCode", village)).getId();
    List<String> taskIds = tasks.createTaskQuery().processInstanceId(instance).list().stream()
        .map(org.camunda.bpm.engine.task.Task::getId).toList();
    assertThat(taskIds).hasSize(2);
    String supervisors = Groups.supervisorsOf(village);
    java.util.function.Supplier<List<String>> grants = () -> jdbc.sql("""
            select RESOURCE_TYPE_ || ':' || RESOURCE_ID_ from ACT_RU_AUTHORIZATION
             where GROUP_ID_ = :group and RESOURCE_ID_ in (:ids) order by 1""")
        .param("group", supervisors).param("ids", List.of(instance, taskIds.get(0), taskIds.get(1)))
        .query(String.class).list();
    // per task: the task and its history; once: the instance and its history
    assertThat(grants.get()).hasSize(6).doesNotHaveDuplicates();
    for (String taskId : taskIds) {
      assertThat(reads("t01sec", taskId, instance)).isTrue();
    }
    tasks.addCandidateGroup(taskIds.get(0), Groups.of(Role.INSPECTOR, village));
    assertThat(grants.get()).hasSize(6);
    assertThat(seesAnything("t02sec", taskIds.get(0), instance)).isFalse();
    runtime.deleteProcessInstance(instance, "test done");
  }

  /**
   * Camunda's own grants on a task made in the command that creates it: its assignee, named a candidate too, and a
   * candidate group named twice each get one authorization with every permission (the unique constraints allow no
   * other); the grants are looked for in the command, not in the database, and two such tasks keep theirs apart.
   */
  @Test
  void camundasGrantsOnATaskCreatedInTheCommandAreOnePerUserAndGroup(@Autowired RepositoryService repository,
      @Autowired JdbcClient jdbc) {
    String village = "T01V01";
    String staff = Groups.of(Role.STAFF, village);
    repository.createDeployment().name("assignee-and-candidate").addModelInstance("assignee.bpmn",
        Bpmn.createExecutableProcess("assigneeAndCandidate").camundaHistoryTimeToLive(1).startEvent()
            .parallelGateway("Fork").userTask("First").camundaAssignee("t01v01sec").camundaCandidateUsers("t01v01sec")
            .camundaCandidateGroups(staff + "," + staff).endEvent()
            .moveToNode("Fork").userTask("Second").camundaAssignee("t01v01sec").endEvent().done()).deploy();
    String instance = runtime.startProcessInstanceByKey("assigneeAndCandidate", Map.of("unitCode", village)).getId();
    List<String> taskIds = tasks.createTaskQuery().processInstanceId(instance).orderByTaskName().asc().list().stream()
        .map(org.camunda.bpm.engine.task.Task::getId).toList();
    assertThat(taskIds).hasSize(2);
    java.util.function.Function<String, List<String>> grants = taskId -> jdbc.sql("""
            select coalesce(USER_ID_, GROUP_ID_) || ':' || PERMS_ from ACT_RU_AUTHORIZATION
             where RESOURCE_TYPE_ = 7 and RESOURCE_ID_ = :task and (USER_ID_ = :user or GROUP_ID_ = :group)
             order by 1""")
        .param("task", taskId).param("user", "t01v01sec").param("group", staff).query(String.class).list();
    // read and work on the task (the platform's default task permission), once for each
    int readAndWork = org.camunda.bpm.engine.authorization.Permissions.READ.getValue()
        | org.camunda.bpm.engine.authorization.TaskPermissions.TASK_WORK.getValue();
    assertThat(grants.apply(taskIds.get(0))).containsExactly("t01v01sec:" + readAndWork, staff + ":" + readAndWork);
    assertThat(grants.apply(taskIds.get(1))).containsExactly("t01v01sec:" + readAndWork);
    identity.setAuthentication("t01v01sec", List.of());
    assertThat(tasks.createTaskQuery().processInstanceId(instance).count()).isEqualTo(2);
    identity.clearAuthentication();
    runtime.deleteProcessInstance(instance, "test done");
  }

  private void overdueTask(String unit, java.util.Date due) {
    org.camunda.bpm.engine.task.Task task = tasks.newTask();
    task.setName("逾期测试任务");
    task.setDueDate(due);
    tasks.saveTask(task);
    tasks.addCandidateGroup(task.getId(), Groups.of(Role.SECRETARY, unit));
  }

  private boolean reads(String user, String taskId, String instance) {
    return as(user, () -> tasks.createTaskQuery().taskId(taskId).count() == 1
        && runtime.createProcessInstanceQuery().processInstanceId(instance).count() == 1
        && history.createHistoricTaskInstanceQuery().taskId(taskId).count() == 1
        && history.createHistoricProcessInstanceQuery().processInstanceId(instance).count() == 1);
  }

  private boolean seesAnything(String user, String taskId, String instance) {
    return as(user, () -> tasks.createTaskQuery().taskId(taskId).count() > 0
        || runtime.createProcessInstanceQuery().processInstanceId(instance).count() > 0
        || history.createHistoricTaskInstanceQuery().taskId(taskId).count() > 0
        || history.createHistoricProcessInstanceQuery().processInstanceId(instance).count() > 0);
  }

  private List<String> groupsOf(String user) {
    return identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
  }

  private <T> T as(String user, Supplier<T> action) {
    identity.setAuthentication(user, groupsOf(user));
    try {
      return action.get();
    } finally {
      identity.clearAuthentication();
    }
  }
}
