package org.liangze.selfcheck;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.liangze.platform.DelegateInputs;
import org.liangze.selfcheck.UnitSelfCheckProcess.Variables;
import org.springframework.stereotype.Component;

/**
 * Start of one assessment instance: its form's rows are its assessor's share only (with what was assessed before,
 * the assembled rows of a returned self-check; none on the first round), kept local to the instance.
 */
@DelegateInputs({Variables.UNIT_CODE, Variables.QUARTER, Variables.ASSESSOR, Variables.ITEMS})
@Component("offerSelfCheckShare")
class OfferSelfCheckShareListener implements ExecutionListener {

  private final SelfCheckService selfChecks;
  private final AssessmentRows rows;

  OfferSelfCheckShareListener(SelfCheckService selfChecks, AssessmentRows rows) {
    this.selfChecks = selfChecks;
    this.rows = rows;
  }

  @Override
  public void notify(DelegateExecution execution) {
    SelfCheckService.Share share = selfChecks.share((String) execution.getVariable(Variables.UNIT_CODE),
        (String) execution.getVariable(Variables.QUARTER), (String) execution.getVariable(Variables.ASSESSOR),
        rows.parseOptional(execution.getVariable(Variables.ITEMS)));
    execution.setVariableLocal(Variables.ITEMS, rows.variable(share.rows()));
    execution.setVariableLocal(Variables.SHARE_LABEL, share.label());
  }
}
