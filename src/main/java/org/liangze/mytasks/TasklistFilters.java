package org.liangze.mytasks;

import static org.camunda.bpm.engine.authorization.Resources.FILTER;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;
import org.camunda.bpm.engine.task.TaskQuery;
import org.liangze.escalation.EscalationPolicy;
import org.liangze.organisation.Grant;
import org.liangze.organisation.GrantSource;
import org.liangze.organisation.Groups;
import org.liangze.organisation.IdentitySync;
import org.liangze.organisation.Role;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.platform.EngineExclusiveLock;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Shared Tasklist filters for each role, so nobody opens Tasklist to "No filter available". Each filter's query
 * is evaluated with the viewer's own authorizations and, where it says so, for the viewer ({@code currentUser()})
 * at the moment of viewing ({@code now()}), so a filter shared with a role shows each person only their own work.
 *
 * <p>Filters are defined here, created or brought up to date at every start (before {@link IdentitySync}, which
 * then grants READ on each to the groups that should see it, as a {@link GrantSource}). A filter already as defined
 * is not written again, and the check and the writes hold the engine's exclusive lock (the one deployments take, a
 * row lock of {@code ACT_GE_PROPERTY}) until they commit: nodes starting together neither update the same filter at
 * once (an optimistic-locking failure that stopped a node's start) nor both create a missing one.
 */
@Component
@Order(IdentitySync.ORDER - 1)
class TasklistFilters implements ApplicationRunner, GrantSource {

  static final String MY_TASKS = "我的待办";
  static final String MY_UNIT_OVERDUE = "本单位逾期任务";
  static final String DUE_SOON = "即将到期";
  static final String DISTRICT_OVERDUE = "全区逾期任务";
  static final String ALL_VISIBLE = "全部可见任务";

  /** Who a filter is shared with. */
  enum Audience { EVERYONE, UNIT_GROUPS, SUPERVISORS, UNIT_GROUPS_AND_SUPERVISORS }

  private record Definition(String name, String description, int priority, Audience audience,
      Supplier<TaskQuery> query) {
  }

  private static final List<Map<String, String>> COLUMNS = List.of(
      Map.of("name", "unitName", "label", "单位"),
      Map.of("name", "letterTitle", "label", "事项"),
      Map.of("name", "year", "label", "年度"));

  private final FilterService filters;
  private final TaskService tasks;
  private final AuthorizationService authorizations;
  private final UnitRepository units;
  private final EscalationPolicy escalation;
  private final ProcessEngineConfigurationImpl engine;
  private final TransactionTemplate transaction;

  TasklistFilters(FilterService filters, TaskService tasks, AuthorizationService authorizations,
      UnitRepository units, EscalationPolicy escalation, ProcessEngineConfigurationImpl engine,
      TransactionTemplate transaction) {
    this.filters = filters;
    this.tasks = tasks;
    this.authorizations = authorizations;
    this.units = units;
    this.escalation = escalation;
    this.engine = engine;
    this.transaction = transaction;
  }

  private List<Definition> definitions() {
    EscalationPolicy.Ladder ladder = escalation.standard();
    String dueSoon = "${dateTime().plusMinutes(" + Math.max(1, ladder.remindBefore().toMinutes()) + ").toDate()}";
    return List.of(
        new Definition(MY_TASKS, "本人及本人所在岗位待办理的任务，按截止时间排序", -10, Audience.EVERYONE,
            () -> mine().orderByDueDate().asc()),
        new Definition(MY_UNIT_OVERDUE, "本人及本人所在岗位已逾期（超过截止时间）尚未办理的任务（黄色督办、红色约谈），请尽快办理", -9,
            Audience.UNIT_GROUPS, () -> mine().dueBeforeExpression("${now()}").orderByDueDate().asc()),
        new Definition(DUE_SOON, "本人及本人所在岗位" + days(ladder.remindBefore()) + "内到期的任务（蓝色提醒）", -8,
            Audience.UNIT_GROUPS_AND_SUPERVISORS,
            () -> mine().dueAfterExpression("${now()}").dueBeforeExpression(dueSoon).orderByDueDate().asc()),
        new Definition(DISTRICT_OVERDUE, "全区各单位已超过截止时间、尚未办理的任务，按截止时间排序（区纪委监委、区委）", -7,
            Audience.SUPERVISORS, () -> tasks.createTaskQuery().dueBeforeExpression("${now()}").orderByDueDate().asc()),
        new Definition(ALL_VISIBLE, "本人有权查看的全部任务（上级单位可查看所属下级单位的任务，区纪委监委、区委可见全区）", 0, Audience.EVERYONE,
            () -> tasks.createTaskQuery().orderByDueDate().asc()));
  }

  /**
   * The viewer's own work: tasks assigned to them (a 责任人's self-check rows, a team member's duty report, a
   * rectification row's owner), and tasks offered to their posts, claimed or not.
   */
  private TaskQuery mine() {
    return tasks.createTaskQuery().or()
        .taskAssigneeExpression("${currentUser()}")
        .taskCandidateUserExpression("${currentUser()}").includeAssignedTasks()
        .endOr();
  }

  private static String days(java.time.Duration duration) {
    long hours = duration.toHours();
    return hours % 24 == 0 ? hours / 24 + "天" : hours + "小时";
  }

  @Override
  public void run(ApplicationArguments args) {
    ensureAll();
  }

  /** Creates the missing filters and brings changed ones back to their definition; returns how many it wrote. */
  int ensureAll() {
    Integer written = transaction.execute(status -> {
      // held until this transaction commits: the other nodes' starts wait here and then find the filters as defined
      EngineExclusiveLock.holdUntilCommit(engine.getCommandExecutorTxRequired());
      int count = 0;
      for (Definition definition : definitions()) {
        count += ensure(definition) ? 1 : 0;
      }
      return count;
    });
    return written == null ? 0 : written;
  }

  /** READ on each shared filter for the groups that should see it; applied by {@link IdentitySync}. */
  @Override
  public List<Grant> grants() {
    List<Grant> grants = new ArrayList<>();
    for (Definition definition : definitions()) {
      Filter filter = filters.createFilterQuery().filterName(definition.name()).singleResult();
      if (filter == null || definition.audience() == Audience.EVERYONE) {
        continue;
      }
      for (String group : groupsOf(definition.audience())) {
        grants.add(Grant.of(group, FILTER, filter.getId(), Permissions.READ));
      }
    }
    return grants;
  }

  private List<String> groupsOf(Audience audience) {
    List<String> groups = new ArrayList<>();
    if (audience == Audience.UNIT_GROUPS || audience == Audience.UNIT_GROUPS_AND_SUPERVISORS) {
      for (Unit unit : units.findAllActive()) {
        for (Role role : Role.unitRoles()) {
          groups.add(Groups.of(role, unit.code()));
        }
      }
    }
    if (audience == Audience.SUPERVISORS || audience == Audience.UNIT_GROUPS_AND_SUPERVISORS) {
      groups.add(Groups.DISCIPLINE_COMMISSION);
      groups.add(Groups.DISTRICT_COMMITTEE);
    }
    return groups;
  }

  /** Creates the filter or brings it back to its definition; returns whether it wrote it. */
  private boolean ensure(Definition definition) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("description", definition.description());
    properties.put("priority", definition.priority());
    properties.put("refresh", true);
    properties.put("variables", COLUMNS);
    Filter wanted = filters.newTaskFilter(definition.name()).setProperties(properties)
        .setQuery(definition.query().get());
    Filter filter = filters.createFilterQuery().filterName(definition.name()).singleResult();
    boolean write = filter == null || !sameDefinition(filter, wanted);
    if (filter == null) {
      filter = wanted;
    } else if (write) {
      // the definition here wins over edits in Tasklist, so every start brings shared filters up to date
      filter.setProperties(properties).setQuery(definition.query().get());
    }
    if (write) {
      filters.saveFilter(filter);
    }
    if (definition.audience() == Audience.EVERYONE) {
      ensureEveryone(filter.getId());
    }
    return write;
  }

  /** Whether a stored filter has the definition's properties and query, compared as the engine stores them. */
  private static boolean sameDefinition(Filter stored, Filter wanted) {
    if (stored instanceof FilterEntity storedEntity && wanted instanceof FilterEntity wantedEntity) {
      return java.util.Objects.equals(storedEntity.getQueryInternal(), wantedEntity.getQueryInternal())
          && java.util.Objects.equals(storedEntity.getProperties(), wantedEntity.getProperties());
    }
    return false;
  }

  private void ensureEveryone(String filterId) {
    if (authorizations.createAuthorizationQuery().userIdIn(Authorization.ANY).resourceType(FILTER)
        .resourceId(filterId).count() > 0) {
      return;
    }
    Authorization everyone = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
    everyone.setUserId(Authorization.ANY);
    everyone.setResource(FILTER);
    everyone.setResourceId(filterId);
    everyone.addPermission(Permissions.READ);
    authorizations.saveAuthorization(everyone);
  }
}
