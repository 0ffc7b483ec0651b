package org.liangze.escalation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.liangze.escalation.EscalationPatrolProcess.Variables;
import org.liangze.platform.DelegateInputs;
import org.springframework.stereotype.Component;

/** Starts a unit escalation for every unit with work (the patrol's process instance is its run). */
@DelegateInputs({})
@Component("planEscalationPatrol")
class PlanPatrolDelegate implements JavaDelegate {

  private final Escalations escalations;

  PlanPatrolDelegate(Escalations escalations) {
    this.escalations = escalations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(Variables.UNIT_COUNT, escalations.plan(execution.getProcessInstanceId()));
  }
}
