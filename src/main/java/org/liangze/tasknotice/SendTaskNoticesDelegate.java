package org.liangze.tasknotice;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.liangze.platform.DelegateInputs;
import org.liangze.tasknotice.TaskNoticesProcess.Variables;
import org.springframework.stereotype.Component;

/** One page of new-task notices; says whether new tasks are left. */
@DelegateInputs({})
@Component("sendTaskNotices")
class SendTaskNoticesDelegate implements JavaDelegate {

  private final TaskNotices notices;

  SendTaskNoticesDelegate(TaskNotices notices) {
    this.notices = notices;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(Variables.NOTICES_PENDING, notices.sendNext());
  }
}
