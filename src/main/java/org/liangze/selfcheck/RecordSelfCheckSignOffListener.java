package org.liangze.selfcheck;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.liangze.platform.CompletionListener;
import org.liangze.selfcheck.UnitSelfCheckProcess.Variables;
import org.springframework.stereotype.Component;

/** End of the secretary's sign-off: checks the decision (a return needs a reason) and records it. */
@Component("recordSelfCheckSignOff")
class RecordSelfCheckSignOffListener extends CompletionListener {

  private final SelfCheckService selfChecks;

  RecordSelfCheckSignOffListener(SelfCheckService selfChecks) {
    this.selfChecks = selfChecks;
  }

  @Override
  protected void completed(DelegateExecution execution) {
    String comment = (String) execution.getVariable(Variables.SIGN_OFF_COMMENT);
    SignOffDecision decision = selfChecks.signOff((String) execution.getVariable(Variables.UNIT_CODE),
        (String) execution.getVariable(Variables.QUARTER), execution.getVariable(Variables.DECISION), comment,
        SubmitSelfCheckListener.currentUser(execution));
    if (decision == SignOffDecision.RETURN) {
      execution.setVariable(Variables.RETURN_COMMENT, "书记退回：" + comment.strip());
    }
  }
}
