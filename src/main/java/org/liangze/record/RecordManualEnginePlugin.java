package org.liangze.record;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.liangze.platform.EngineParsing;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Adds {@link TaskCompletionRecorder} as a built-in listener to every user task the engine parses, in every model,
 * deployed now or later (through Modeler too).
 */
@Component
class RecordManualEnginePlugin extends AbstractProcessEnginePlugin {

  private final TaskCompletionRecorder recorder;

  RecordManualEnginePlugin(ObjectProvider<RecordManual> manual) {
    this.recorder = new TaskCompletionRecorder(manual);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EngineParsing.everyUserTask(configuration,
        (activity, task) -> task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, recorder));
  }
}
