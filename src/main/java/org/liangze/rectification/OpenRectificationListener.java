package org.liangze.rectification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.liangze.rectification.RectificationProcess.Variables;
import org.springframework.stereotype.Component;

/** Start event listener: checks the caller's inputs and opens the rectification. */
@Component("openRectification")
class OpenRectificationListener implements ExecutionListener {

  private final Rectifications rectifications;

  OpenRectificationListener(Rectifications rectifications) {
    this.rectifications = rectifications;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Rectifications.Opened opened = rectifications.open(execution.getVariable(Variables.UNIT_CODE),
        execution.getVariable(Variables.SUBJECT), execution.getVariable(Variables.CAUSE),
        execution.getVariable(Variables.DEADLINE), execution.getProcessBusinessKey(),
        execution.getProcessInstanceId());
    execution.setVariable(Variables.RECTIFICATION_ID, opened.id());
    execution.setVariable(Variables.UNIT_CODE, opened.unit().code());
    execution.setVariable(Variables.UNIT_NAME, opened.unit().name());
    execution.setVariable(Variables.SUBJECT, opened.subject());
    execution.setVariable(Variables.CAUSE, opened.cause());
    execution.setVariable(Variables.DEADLINE, opened.deadline().toString());
    execution.setVariable(Variables.DEADLINE_DUE, opened.deadlineDue());
    execution.setVariable(Variables.OUTCOME, RectificationStatus.OPEN.name());
  }
}
