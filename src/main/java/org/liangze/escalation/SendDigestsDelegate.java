package org.liangze.escalation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.liangze.escalation.EscalationPatrolProcess.Variables;
import org.liangze.platform.DelegateInputs;
import org.springframework.stereotype.Component;

/** One page of the patrol's digests (the patrol's process instance is its run); says whether people are left. */
@DelegateInputs({})
@Component("sendEscalationDigests")
class SendDigestsDelegate implements JavaDelegate {

  private final Escalations escalations;

  SendDigestsDelegate(Escalations escalations) {
    this.escalations = escalations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(Variables.DIGESTS_PENDING, escalations.sendDigests(execution.getProcessInstanceId()));
  }
}
