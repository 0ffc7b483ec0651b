package org.liangze.selfcheck;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.liangze.platform.DelegateInputs;
import org.liangze.selfcheck.UnitSelfCheckProcess.Variables;
import org.springframework.stereotype.Component;

/**
 * Start listener of the event after the assessment, in the last share's transaction (so a missing row refuses that
 * submission): the unit's rows put together, with who assessed each, and a summary, for the inspector, the secretary
 * and the reviewer.
 */
@DelegateInputs({Variables.UNIT_CODE, Variables.QUARTER, Variables.INSPECTOR_CHECK})
@Component("assembleSelfCheck")
class AssembleSelfCheckListener implements ExecutionListener {

  private final SelfCheckService selfChecks;
  private final AssessmentRows rows;

  AssembleSelfCheckListener(SelfCheckService selfChecks, AssessmentRows rows) {
    this.selfChecks = selfChecks;
    this.rows = rows;
  }

  @Override
  public void notify(DelegateExecution execution) {
    SelfCheckService.Submitted submitted = selfChecks.assemble((String) execution.getVariable(Variables.UNIT_CODE),
        (String) execution.getVariable(Variables.QUARTER), execution.getVariable(Variables.INSPECTOR_CHECK),
        SubmitSelfCheckListener.currentUser(execution));
    execution.setVariable(Variables.ITEMS, rows.variable(submitted.rows()));
    execution.setVariable(Variables.ASSESSMENT_SUMMARY, submitted.summary());
  }
}
