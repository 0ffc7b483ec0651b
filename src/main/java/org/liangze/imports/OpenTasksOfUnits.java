package org.liangze.imports;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.liangze.organisation.Groups;
import org.liangze.organisation.Role;
import org.springframework.stereotype.Component;

/**
 * A unit's open work, as Camunda's task service knows it: the open tasks offered to the unit's groups (claimed ones
 * included). Asked without the caller's authorizations: the organisation administrator decides about units whose
 * tasks they may not see.
 */
@Component
class OpenTasksOfUnits implements ImportPlanner.OpenWork {

  private final TaskService tasks;
  private final CommandExecutor commands;

  OpenTasksOfUnits(ProcessEngine engine) {
    this.tasks = engine.getTaskService();
    this.commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired();
  }

  @Override
  public Map<String, Long> openTasks(Collection<String> unitCodes) {
    return commands.execute(context -> {
      context.disableAuthorizationCheck();
      try {
        Map<String, Long> open = new HashMap<>();
        for (String unit : unitCodes) {
          String[] groups = Role.unitRoles().stream().map(role -> Groups.of(role, unit)).toArray(String[]::new);
          long count = tasks.createTaskQuery().taskCandidateGroupIn(java.util.List.of(groups)).includeAssignedTasks()
              .count();
          if (count > 0) {
            open.put(unit, count);
          }
        }
        return open;
      } finally {
        context.enableAuthorizationCheck();
      }
    });
  }
}
