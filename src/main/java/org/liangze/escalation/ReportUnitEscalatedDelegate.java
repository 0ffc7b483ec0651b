package org.liangze.escalation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.liangze.escalation.UnitEscalationProcess.Variables;
import org.liangze.platform.DelegateInputs;
import org.springframework.stereotype.Component;

@DelegateInputs({Variables.PATROL_RUN})
@Component("reportUnitEscalated")
class ReportUnitEscalatedDelegate implements JavaDelegate {

  private final Escalations escalations;

  ReportUnitEscalatedDelegate(Escalations escalations) {
    this.escalations = escalations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    escalations.unitEscalated((String) execution.getVariable(Variables.PATROL_RUN));
  }
}
