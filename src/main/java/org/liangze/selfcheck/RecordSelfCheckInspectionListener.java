package org.liangze.selfcheck;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.liangze.platform.CompletionListener;
import org.liangze.platform.DelegateInputs;
import org.liangze.selfcheck.UnitSelfCheckProcess.Variables;
import org.springframework.stereotype.Component;

/** End of the 纪检委员's check: checks the decision (a return needs a reason) and records it. */
@DelegateInputs({Variables.UNIT_CODE, Variables.QUARTER, Variables.DECISION, Variables.INSPECTION_COMMENT})
@Component("recordSelfCheckInspection")
class RecordSelfCheckInspectionListener extends CompletionListener {

  private final SelfCheckService selfChecks;

  RecordSelfCheckInspectionListener(SelfCheckService selfChecks) {
    this.selfChecks = selfChecks;
  }

  @Override
  protected void completed(DelegateExecution execution) {
    String comment = (String) execution.getVariable(Variables.INSPECTION_COMMENT);
    InspectionDecision decision = selfChecks.inspect((String) execution.getVariable(Variables.UNIT_CODE),
        (String) execution.getVariable(Variables.QUARTER), execution.getVariable(Variables.DECISION), comment,
        SubmitSelfCheckListener.currentUser(execution));
    if (decision == InspectionDecision.RETURN) {
      execution.setVariable(Variables.RETURN_COMMENT, "纪检委员退回：" + comment.strip());
    }
  }
}
