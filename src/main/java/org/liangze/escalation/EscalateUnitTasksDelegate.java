package org.liangze.escalation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.liangze.escalation.UnitEscalationProcess.Variables;
import org.liangze.platform.DelegateInputs;
import org.springframework.stereotype.Component;

@DelegateInputs({Variables.UNIT_CODE, Variables.PATROL_RUN})
@Component("escalateUnitTasks")
class EscalateUnitTasksDelegate implements JavaDelegate {

  private final Escalations escalations;

  EscalateUnitTasksDelegate(Escalations escalations) {
    this.escalations = escalations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (!BatchRetry.handedOn(execution, escalations)) {
      escalations.escalateUnit((String) execution.getVariable(Variables.UNIT_CODE),
          (String) execution.getVariable(Variables.PATROL_RUN));
    }
  }
}
