package org.liangze.tasknotice;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.liangze.platform.EngineParsing;
import org.springframework.stereotype.Component;

/**
 * Puts {@link TaskCreatedListener} on the create event of every user task of every model the engine parses, so
 * every process announces its new tasks without a line in its BPMN; built-in, so that {@code skipCustomListeners}
 * (a modification in Cockpit) does not leave a task unannounced.
 */
@Component
class TaskNoticeEnginePlugin extends AbstractProcessEnginePlugin {

  private final TaskCreatedListener listener;

  TaskNoticeEnginePlugin(TaskCreatedListener listener) {
    this.listener = listener;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EngineParsing.everyUserTask(configuration,
        (activity, task) -> task.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, listener));
  }
}
