package org.liangze.escalation;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.liangze.platform.EngineParsing;
import org.springframework.stereotype.Component;

/**
 * Puts {@link LateCompletionCheck} and the upkeep of {@link OpenTaskUnits} on every user task of every model the
 * engine parses, both built-in so that {@code skipCustomListeners} does not skip them; reconciles
 * {@code open_task_units} once the engine is built (its tables created or updated). The patrol's marks write no
 * history ({@link MarksWithoutHistory}, through the platform's history handler).
 */
@Component
class EscalationEnginePlugin extends AbstractProcessEnginePlugin {

  private static final List<String> UNIT_EVENTS = List.of(TaskListener.EVENTNAME_CREATE,
      TaskListener.EVENTNAME_UPDATE, TaskListener.EVENTNAME_COMPLETE, TaskListener.EVENTNAME_DELETE);

  private final LateCompletionCheck check = new LateCompletionCheck();
  private final OpenTaskUnits openTaskUnits;

  EscalationEnginePlugin(OpenTaskUnits openTaskUnits) {
    this.openTaskUnits = openTaskUnits;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EngineParsing.everyUserTask(configuration, (activity, task) -> {
      activity.addBuiltInListener(ExecutionListener.EVENTNAME_END, check);
      for (String event : UNIT_EVENTS) {
        task.addBuiltInTaskListener(event, openTaskUnits);
      }
    });
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    openTaskUnits.reconcile();
  }
}
