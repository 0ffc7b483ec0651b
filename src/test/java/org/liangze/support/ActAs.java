package org.liangze.support;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Does things in the engine as a given person, with their real Camunda groups, so that authorizations apply in
 * tests exactly as they do for that person in Tasklist.
 */
@Component
public class ActAs {

  private final IdentityService identity;
  private final TaskService tasks;

  ActAs(IdentityService identity, TaskService tasks) {
    this.identity = identity;
    this.tasks = tasks;
  }

  public List<String> groupsOf(String userId) {
    return identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
  }

  /** Completes the task as the user; the engine's current user is cleared afterwards, whatever happens. */
  public void complete(String userId, Task task, Map<String, Object> variables) {
    identity.setAuthentication(userId, groupsOf(userId));
    try {
      tasks.complete(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
  }
}
