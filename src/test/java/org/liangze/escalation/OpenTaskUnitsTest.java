package org.liangze.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.letter.LetterSigningProcess;
import org.liangze.organisation.Groups;
import org.liangze.organisation.IdentitySync;
import org.liangze.organisation.Official;
import org.liangze.organisation.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The upkeep of {@code open_task_units} by the engine (H2): rows follow tasks through creation, due-date and
 * candidate changes, completion and deletion (also with {@code skipCustomListeners}); the start-up reconciliation
 * repairs what the listener could not see; and the Java rule of the listener agrees with the SQL rule of the
 * reconciliation on the demo district's tasks.
 */
@SpringBootTest
@ActiveProfiles("test")
// the letter campaign started here stays open: give the next test class a database of its own
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OpenTaskUnitsTest {

  static final String KEY = "openTaskUnitsTest";
  static final String KEY_NO_CANDIDATES = "openTaskUnitsTestNoCandidates";

  @Autowired org.liangze.support.LetterRun letterRun;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired IdentityService identity;
  @Autowired ManagementService management;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService taskService;
  @Autowired OpenTaskUnits openTaskUnits;
  @Autowired OverdueWork work;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void districtAndModel() throws IOException {
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
    if (repository.createProcessDefinitionQuery().processDefinitionKey(KEY).count() == 0) {
      repository.createDeployment().name(KEY).addModelInstance("open-task-units.bpmn",
          Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(1).startEvent()
              .userTask("work").name("单位归属测试").camundaCandidateGroups("${candidateGroups}")
              .camundaDueDate("${due}").endEvent().done())
          .addModelInstance("open-task-units-no-candidates.bpmn",
              Bpmn.createExecutableProcess(KEY_NO_CANDIDATES).camundaHistoryTimeToLive(1).startEvent()
                  .userTask("work").name("单位归属测试").camundaDueDate("${due}").endEvent().done())
          .deploy();
    }
  }

  @AfterEach
  void deleteTestInstances() {
    for (String key : List.of(KEY, KEY_NO_CANDIDATES)) {
      runtime.createProcessInstanceQuery().processDefinitionKey(key).list()
          .forEach(instance -> runtime.deleteProcessInstance(instance.getId(), "test done"));
    }
    assertThat(jdbc.sql("select count(*) from open_task_units where unit_code in ('Z99', 'A99')")
        .query(Integer.class).single()).as("rows of deleted tasks").isZero();
  }

  @Test
  void theListenerAndTheSqlRuleAgreeOnTheDemoDistrictsTasks() throws java.io.IOException {
    if (runtime.createProcessInstanceQuery().processDefinitionKey(LetterSigningProcess.KEY).count() == 0) {
      letterRun.start(2026);
    }
    // every branch of the rule: a unit group, the smaller of two units' groups, a unit group beside a district
    // group, a district group alone, the process instance's unitCode variable, nothing at all
    List<String> mine = List.of(
        start("unitD01secretary", "D09"), start("unitT02staff,unitD02inspector", null),
        start("disciplinecommission,unitT01V01staff", null), start("districtcommittee", "D01"),
        start("", "T01"), start("", null));
    Map<String, String> rows = openTaskUnits.units();
    Map<String, String> bySql = openTaskUnits.unitsBySqlRule();
    assertThat(bySql).hasSizeGreaterThan(mine.size() + 5);
    assertThat(rows).as("the listener's rows are the SQL rule's units").isEqualTo(bySql);
    assertThat(mine.stream().map(instance -> rows.get(taskOf(instance).getId())).toList())
        .containsExactly("D01", "D02", "T01V01", "districtcommittee", "T01", OverdueWork.UNASSIGNED);
    assertThat(rows.values()).as("the letters of the demo's units").contains("D01", "D02", "T01V01");
  }

  @Test
  void rowsFollowTheirTasks() {
    String completed = start("unitD01staff", null);
    String deleted = start("unitD02staff", null);
    String skipped = start("unitT01staff", null);
    Task task = taskOf(completed);
    assertThat(row(task.getId())).containsEntry("unit_code", "D01");

    // a new due date, saved: the row follows (update event)
    Instant later = ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
    task.setDueDate(Date.from(later));
    taskService.saveTask(task);
    assertThat(((java.util.Date) row(task.getId()).get("due_at")).toInstant()).isEqualTo(later);

    // a candidate group added: the task is now the smaller group's unit's work (update event)
    taskService.addCandidateGroup(task.getId(), Groups.of(Role.STAFF, "A99"));
    assertThat(row(task.getId())).containsEntry("unit_code", "A99");
    taskService.deleteCandidateGroup(task.getId(), Groups.of(Role.STAFF, "A99"));
    assertThat(row(task.getId())).containsEntry("unit_code", "D01");

    taskService.complete(task.getId());
    assertThat(rowCount(task.getId())).as("completed").isZero();

    String deletedTask = taskOf(deleted).getId();
    runtime.deleteProcessInstance(deleted, "withdrawn");
    assertThat(rowCount(deletedTask)).as("deleted with its process instance").isZero();

    String skippedTask = taskOf(skipped).getId();
    runtime.deleteProcessInstance(skipped, "withdrawn", true);
    assertThat(rowCount(skippedTask)).as("deleted with skipCustomListeners").isZero();
  }

  @Test
  void theReconciliationAddsMissingRowsAndRemovesStaleOnes() {
    String instance = start("unitD01secretary", null);
    String taskId = taskOf(instance).getId();
    Timestamp due = (Timestamp) row(taskId).get("due_at");
    // as if the task had been created before open_task_units existed, and a row left behind by a lost task
    jdbc.sql("delete from open_task_units where task_id = ?").param(taskId).update();
    jdbc.sql("insert into open_task_units (task_id, unit_code, due_at) values ('gone', 'D01', null)").update();
    int before = work.tasks("D01", 0, 50).total();

    openTaskUnits.reconcile();
    openTaskUnits.reconcile();

    assertThat(row(taskId)).containsEntry("unit_code", "D01").containsEntry("due_at", due);
    assertThat(rowCount("gone")).isZero();
    assertThat(work.tasks("D01", 0, 50).total()).isEqualTo(before + 1);
    assertThat(work.report(Official.of("jiwei", List.of(Groups.DISCIPLINE_COMMISSION))).units())
        .extracting(OverdueWork.UnitOverdue::unitCode).contains("D01");
  }

  @Test
  void anUpdateOfATaskWithoutARowAddsIt() {
    Task task = taskOf(start("unitT02V01inspector", null));
    // as if created before open_task_units existed
    jdbc.sql("delete from open_task_units where task_id = ?").param(task.getId()).update();
    task.setDueDate(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(1))));
    taskService.saveTask(task);
    assertThat(row(task.getId())).containsEntry("unit_code", "T02V01");
  }

  @Test
  void suspendedTasksAreNotCounted() {
    String instance = start("unitZ99staff", null);
    Official supervisor = Official.of("jiwei", List.of(Groups.DISCIPLINE_COMMISSION));
    assertThat(work.report(supervisor).units()).extracting(OverdueWork.UnitOverdue::unitCode).contains("Z99");
    runtime.suspendProcessInstanceById(instance);
    assertThat(work.report(supervisor).units()).extracting(OverdueWork.UnitOverdue::unitCode)
        .doesNotContain("Z99");
    assertThat(work.tasks("Z99", 0, 50).total()).isZero();
    runtime.activateProcessInstanceById(instance);
    assertThat(work.tasks("Z99", 0, 50).total()).isEqualTo(1);
  }

  /** An instance whose task is offered to {@code groups} (comma-separated; empty: to nobody), due yesterday. */
  private String start(String groups, String unitCode) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("candidateGroups", groups);
    variables.put("due", Date.from(ClockUtil.getCurrentTime().toInstant().minus(Duration.ofDays(1))));
    if (unitCode != null) {
      variables.put("unitCode", unitCode);
    }
    return runtime.startProcessInstanceByKey(groups.isEmpty() ? KEY_NO_CANDIDATES : KEY, variables).getId();
  }

  private Task taskOf(String processInstanceId) {
    return taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult();
  }

  private Map<String, Object> row(String taskId) {
    return jdbc.sql("select unit_code, due_at from open_task_units where task_id = ?").param(taskId)
        .query().singleRow().entrySet().stream()
        .collect(HashMap::new, (m, e) -> m.put(e.getKey().toLowerCase(java.util.Locale.ROOT), e.getValue()),
            HashMap::putAll);
  }

  private int rowCount(String taskId) {
    return jdbc.sql("select count(*) from open_task_units where task_id = ?").param(taskId).query(Integer.class)
        .single();
  }
}
