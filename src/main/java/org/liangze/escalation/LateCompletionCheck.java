package org.liangze.escalation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.liangze.platform.CompletionListener;
import org.liangze.platform.InvalidInputException;

/**
 * End of every user task: a task the ladder marked overdue may still be completed — late work is accepted — but
 * only with a stated reason, which the record manual keeps (see TaskCompletionRecorder). Then the task's overdue
 * marks are cleared from its execution so they do not carry over to the next task.
 */
class LateCompletionCheck extends CompletionListener {

  @Override
  protected void completed(DelegateExecution execution) {
    if (!Boolean.TRUE.equals(execution.getVariableLocal(EscalationVariables.TASK_OVERDUE))) {
      return;
    }
    if (!(execution.getVariableLocal(EscalationVariables.LATE_REASON) instanceof String reason) || reason.isBlank()) {
      throw new InvalidInputException("该任务已逾期，请填写逾期原因后再提交");
    }
    execution.removeVariableLocal(EscalationVariables.TASK_OVERDUE);
    execution.removeVariableLocal(EscalationVariables.LATE_REASON);
  }
}
