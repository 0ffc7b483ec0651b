package org.liangze.organisation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Shared Tasklist filters, so nobody opens Tasklist to "No filter available". Each filter's query is evaluated
 * with the viewer's own authorizations, so a filter shared with everybody still shows a unit only its own tasks.
 */
@Component
@Order(IdentitySync.ORDER + 1)
class TasklistFilters implements ApplicationRunner {

  private final FilterService filters;
  private final TaskService tasks;
  private final AuthorizationService authorizations;

  TasklistFilters(FilterService filters, TaskService tasks, AuthorizationService authorizations) {
    this.filters = filters;
    this.tasks = tasks;
    this.authorizations = authorizations;
  }

  @Override
  public void run(ApplicationArguments args) {
    ensure("我的待办", "本人及本人所在岗位待办理的任务，按截止时间排序", -10,
        tasks.createTaskQuery().taskCandidateUserExpression("${currentUser()}").includeAssignedTasks()
            .orderByDueDate().asc());
    ensure("全部可见任务", "本人有权查看的全部任务（区纪委监委、区委可见全区）", 0,
        tasks.createTaskQuery().orderByDueDate().asc());
  }

  private void ensure(String name, String description, int priority, TaskQuery query) {
    if (filters.createFilterQuery().filterName(name).count() > 0) {
      return;
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("description", description);
    properties.put("priority", priority);
    properties.put("refresh", true);
    properties.put("variables", List.of(
        Map.of("name", "unitName", "label", "单位"),
        Map.of("name", "letterTitle", "label", "事项")));
    Filter filter = filters.newTaskFilter(name).setProperties(properties).setQuery(query);
    filters.saveFilter(filter);
    Authorization everyone = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
    everyone.setUserId(Authorization.ANY);
    everyone.setResource(Resources.FILTER);
    everyone.setResourceId(filter.getId());
    everyone.addPermission(Permissions.READ);
    authorizations.saveAuthorization(everyone);
  }
}
