package org.liangze.selfcheck;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.liangze.platform.DelegateInputs;
import org.liangze.selfcheck.UnitSelfCheckProcess.Variables;
import org.springframework.stereotype.Component;

/**
 * After the last share is in (in its transaction): the unit's rows put together, with who assessed each, and a
 * summary, for the inspector, the secretary and the reviewer.
 */
@DelegateInputs({Variables.UNIT_CODE, Variables.QUARTER, Variables.INSPECTOR_CHECK})
@Component("assembleSelfCheck")
class AssembleSelfCheckDelegate implements JavaDelegate {

  private final SelfCheckService selfChecks;
  private final AssessmentRows rows;

  AssembleSelfCheckDelegate(SelfCheckService selfChecks, AssessmentRows rows) {
    this.selfChecks = selfChecks;
    this.rows = rows;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SelfCheckService.Submitted submitted = selfChecks.assemble((String) execution.getVariable(Variables.UNIT_CODE),
        (String) execution.getVariable(Variables.QUARTER), execution.getVariable(Variables.INSPECTOR_CHECK),
        SubmitSelfCheckListener.currentUser(execution));
    execution.setVariable(Variables.ITEMS, rows.variable(submitted.rows()));
    execution.setVariable(Variables.ASSESSMENT_SUMMARY, submitted.summary());
  }
}
