package org.liangze.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.lists.ListFormulationProcess;
import org.liangze.lists.ListFormulations;
import org.liangze.organisation.IdentitySync;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The task query's authorization check as a semi-join ({@link TaskAuthorizationSemiJoinPlugin}): Camunda's list and
 * count statements are replaced, and they answer as Camunda's do through each of the three ways a task is granted —
 * a READ on the task itself (a town reading its village's task), READ_TASK on its process definition, and a grant on
 * every resource ('*', the discipline commission) — while a person without a grant sees nothing.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TaskAuthorizationSemiJoinTest {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }

  @Autowired ProcessEngineConfigurationImpl engine;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired IdentityService identity;
  @Autowired TaskService tasks;
  @Autowired AuthorizationService authorizations;
  @Autowired ListFormulations formulations;

  @BeforeEach
  void district() throws IOException {
    district.seedIfEmpty(2052);
    identitySync.sync();
  }

  @AfterEach
  void logout() {
    identity.clearAuthentication();
  }

  @Test
  void camundasTaskQueryStatementsAreReplacedUnderBothTheirNames() {
    Configuration mybatis = engine.getSqlSessionFactory().getConfiguration();
    for (String id : TaskAuthorizationSemiJoinPlugin.STATEMENTS.keySet()) {
      assertThat(mybatis.getMappedStatement(id).getId()).startsWith(TaskAuthorizationSemiJoinPlugin.NAMESPACE);
      assertThat(mybatis.getMappedStatement(TaskAuthorizationSemiJoinPlugin.CAMUNDA_NAMESPACE + "." + id).getId())
          .isEqualTo(TaskAuthorizationSemiJoinPlugin.NAMESPACE + "."
              + TaskAuthorizationSemiJoinPlugin.STATEMENTS.get(id));
    }
  }

  @Test
  void theMapperIsCamundasQueryWithOnlyTheAuthorizationCheckChanged() {
    String camunda = TaskAuthorizationSemiJoinPlugin.read(TaskAuthorizationSemiJoinPlugin.CAMUNDA_MAPPING);
    String mapper = TaskAuthorizationSemiJoinPlugin.mapper(camunda, true);
    assertThat(mapper).doesNotContain("authCheckJoinWithoutOnClause").doesNotContain("AUTH ON")
        .contains("RES.ID_ IN (").contains("PD.KEY_ IN (").contains("G.RESOURCE_ID_ = '*'")
        // PostgreSQL: the ids as an array for a caller without a wildcard grant
        .contains("RES.ID_ = ANY (ARRAY(").contains("@org.liangze.platform.TaskReadWildcard@absent(authCheck)")
        // the revoke-check variant stays Camunda's
        .contains("AuthorizationEntity.contextualAuthorizationCheck")
        // the rest of Camunda's criteria are there, e.g. candidate groups and variables
        .contains("I.GROUP_ID_").contains("Commons.variableValueConditions");
    assertThat(TaskAuthorizationSemiJoinPlugin.mapper(camunda, false)).doesNotContain("ARRAY(")
        .contains("RES.ID_ IN (");
    // another engine's SQL is refused, not patched silently
    assertThatThrownBy(() -> TaskAuthorizationSemiJoinPlugin.mapper(camunda.replace("AUTH ON (", "AUTH  ON ("), true))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("7.24");
    // … and so are joins that TaskQueryRepeats does not know: one more criterion joining the identity links, or a
    // join that is not on a primary key
    assertThatThrownBy(() -> TaskAuthorizationSemiJoinPlugin.mapper(camunda.replace(
        "query.withCandidateUsers)\">", "query.withCandidateUsers || query.withoutCandidateUsers)\">"), true))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("7.24");
    assertThatThrownBy(() -> TaskAuthorizationSemiJoinPlugin.mapper(camunda.replace(
        "ACT_RU_EXECUTION E1 on RES.EXECUTION_ID_ = E1.ID_", "ACT_RU_EXECUTION E1 on RES.ID_ = E1.ACT_INST_ID_"),
        true)).isInstanceOf(ProcessEngineException.class).hasMessageContaining("7.24");
  }

  @Test
  void everyTaskIsReadThroughTheGrantsCamundaKnowsAndNoneWithout() {
    String instance = as("t01v01sec", () -> formulations.start("T01V01", "2052").processInstanceId());
    Task village = tasks.createTaskQuery().processInstanceId(instance).singleResult();

    // a READ on the task: the town's secretary, through the village's supervisors group — list and count agree
    List<String> town = as("t01sec", () -> tasks.createTaskQuery().list().stream().map(Task::getId).toList());
    assertThat(town).contains(village.getId());
    assertThat(as("t01sec", () -> tasks.createTaskQuery().count())).isEqualTo(town.size());
    assertThat(as("t01sec", () -> tasks.createTaskQuery().orderByDueDate().asc().listPage(0, 500)))
        .extracting(Task::getId).containsExactlyInAnyOrderElementsOf(town);
    // another town's secretary and the sibling village: nothing of it
    assertThat(as("t02sec", () -> tasks.createTaskQuery().list())).extracting(Task::getId)
        .doesNotContain(village.getId());
    assertThat(as("t01v02sec", () -> tasks.createTaskQuery().taskId(village.getId()).count())).isZero();

    // READ_TASK on the process definition: a person with no post reads every list formulation's task, then not
    identity.saveUser(identity.newUser("semijoinreader"));
    assertThat(as("semijoinreader", () -> tasks.createTaskQuery().count())).isZero();
    Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setUserId("semijoinreader");
    grant.setResource(Resources.PROCESS_DEFINITION);
    grant.setResourceId(ListFormulationProcess.KEY);
    grant.addPermission(Permissions.READ_TASK);
    authorizations.saveAuthorization(grant);
    assertThat(as("semijoinreader", () -> tasks.createTaskQuery().list())).extracting(Task::getId)
        .contains(village.getId())
        .allMatch(id -> tasks.createTaskQuery().taskId(id).processDefinitionKey(ListFormulationProcess.KEY)
            .count() == 1);
    authorizations.deleteAuthorization(grant.getId());
    assertThat(as("semijoinreader", () -> tasks.createTaskQuery().count())).isZero();
    identity.deleteUser("semijoinreader");

    // a grant on every task ('*'): the discipline commission reads all of them
    long all = tasks.createTaskQuery().count();
    assertThat(as("jiwei", () -> tasks.createTaskQuery().count())).isEqualTo(all);
  }

  @Test
  void aPageAndACountAreDistinctOnlyWhenAJoinCanRepeatATask() {
    Configuration mybatis = engine.getSqlSessionFactory().getConfiguration();
    MappedStatement page = mybatis.getMappedStatement("selectTaskByQueryCriteria");
    MappedStatement count = mybatis.getMappedStatement("selectTaskCountByQueryCriteria");
    // every join on a primary key: no DISTINCT, which would sort every readable task on all of its columns
    assertThat(sql(page, tasks.createTaskQuery().orderByDueDate().asc())).doesNotContainIgnoringCase("distinct");
    assertThat(sql(count, tasks.createTaskQuery())).doesNotContainIgnoringCase("distinct");
    assertThat(sql(page, tasks.createTaskQuery().processDefinitionKey(ListFormulationProcess.KEY)
        .processInstanceBusinessKeyLike("%").taskNameLike("%").orderByTaskName().asc()))
        .doesNotContainIgnoringCase("distinct");
    // the identity links (candidate criteria, in an OR as well) and a variable ordered by can repeat a task
    assertThat(List.of(tasks.createTaskQuery().taskCandidateGroupIn(List.of("a", "b")),
        tasks.createTaskQuery().taskCandidateUser("t01sec"), tasks.createTaskQuery().taskInvolvedUser("t01sec"),
        tasks.createTaskQuery().withCandidateGroups(), tasks.createTaskQuery().taskCandidateGroupLike("unit%"),
        tasks.createTaskQuery().or().taskCandidateGroup("a").taskAssignee("t01sec").endOr(),
        tasks.createTaskQuery().orderByProcessVariable("unitCode", ValueType.STRING).asc()))
        .allSatisfy(query -> {
          assertThat(sql(page, query)).containsPattern("(?i)^\\s*select\\s+distinct\\b");
          assertThat(sql(count, query)).containsPattern("(?i)select\\s+distinct\\s+RES\\.ID_");
        });
  }

  /** The statement MyBatis builds for a query, in a command as the engine builds it. */
  private String sql(MappedStatement statement, Object query) {
    return engine.getCommandExecutorTxRequired().execute(command -> statement.getBoundSql(query).getSql());
  }

  @Test
  void aTaskOfTwoOfTheCallersCandidateGroupsIsListedAndCountedOnce() {
    String instance = as("t01v02sec", () -> formulations.start("T01V02", "2052").processInstanceId());
    Task task = tasks.createTaskQuery().processInstanceId(instance).singleResult();
    List<String> groups = List.of("semijoinA", "semijoinB");
    groups.forEach(group -> tasks.addCandidateGroup(task.getId(), group));
    // the town's secretary reads the village's task through its supervisors group, and holds both candidate groups
    List<String> secretarysGroups = new ArrayList<>(groups);
    identity.createGroupQuery().groupMember("t01sec").list().forEach(group -> secretarysGroups.add(group.getId()));
    identity.setAuthentication("t01sec", secretarysGroups);
    try {
      assertThat(tasks.createTaskQuery().taskCandidateGroupIn(groups).list()).extracting(Task::getId)
          .containsExactly(task.getId());
      assertThat(tasks.createTaskQuery().taskCandidateGroupIn(groups).count()).isOne();
    } finally {
      identity.clearAuthentication();
      groups.forEach(group -> tasks.deleteCandidateGroup(task.getId(), group));
    }
  }

  @Test
  void theWildcardLookUpTellsWhoHoldsAGrantOnEveryTask() {
    // the discipline commission holds READ on every task; a town's secretary only on their villages' tasks
    assertThat(wildcardAbsent("jiwei")).isFalse();
    assertThat(wildcardAbsent("t01sec")).isTrue();
    // and both read through the query the plan was chosen for
    assertThat(as("jiwei", () -> tasks.createTaskQuery().count())).isEqualTo(tasks.createTaskQuery().count());
  }

  private boolean wildcardAbsent(String user) {
    List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    return engine.getCommandExecutorTxRequired().execute(command -> TaskReadWildcard.absent(user, groups));
  }

  private <T> T as(String user, Supplier<T> work) {
    identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId).toList());
    try {
      return work.get();
    } finally {
      identity.clearAuthentication();
    }
  }
}
