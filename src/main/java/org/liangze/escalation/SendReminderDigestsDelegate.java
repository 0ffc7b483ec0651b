package org.liangze.escalation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.liangze.escalation.ReminderDigestProcess.Variables;
import org.liangze.platform.DelegateInputs;
import org.springframework.stereotype.Component;

/** One page of the day's reminder digests (the process instance is its run); says whether people are left. */
@DelegateInputs({})
@Component("sendReminderDigests")
class SendReminderDigestsDelegate implements JavaDelegate {

  private final Escalations escalations;

  SendReminderDigestsDelegate(Escalations escalations) {
    this.escalations = escalations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(Variables.DIGESTS_PENDING,
        escalations.sendReminderDigests(execution.getProcessInstanceId()));
  }
}
