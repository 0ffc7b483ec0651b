package org.liangze.escalation;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
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
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        activity.addBuiltInListener(ExecutionListener.EVENTNAME_END, check);
        TaskDefinition task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        for (String event : UNIT_EVENTS) {
          task.addBuiltInTaskListener(event, openTaskUnits);
        }
      }
    });
    configuration.setCustomPostBPMNParseListeners(listeners);
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    openTaskUnits.reconcile();
  }
}
