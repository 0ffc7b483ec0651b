package org.liangze.escalation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.liangze.platform.DelegateInputs;
import org.springframework.stereotype.Component;

@DelegateInputs({})
@Component("patrolTasks")
class PatrolTasksDelegate implements JavaDelegate {

  private final Escalations escalations;

  PatrolTasksDelegate(Escalations escalations) {
    this.escalations = escalations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    escalations.patrol();
  }
}
