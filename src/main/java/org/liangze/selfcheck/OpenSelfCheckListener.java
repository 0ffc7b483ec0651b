package org.liangze.selfcheck;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.liangze.selfcheck.UnitSelfCheckProcess.Variables;
import org.springframework.stereotype.Component;

/** Start event listener: opens the unit's self-check of the quarter with a row for every item of its lists. */
@Component("openSelfCheck")
class OpenSelfCheckListener implements ExecutionListener {

  private final SelfCheckService selfChecks;
  private final AssessmentRows rows;

  OpenSelfCheckListener(SelfCheckService selfChecks, AssessmentRows rows) {
    this.selfChecks = selfChecks;
    this.rows = rows;
  }

  @Override
  public void notify(DelegateExecution execution) {
    SelfCheckService.Opened opened = selfChecks.open(execution.getVariable(Variables.UNIT_CODE),
        execution.getVariable(Variables.QUARTER), execution.getProcessInstanceId());
    execution.setVariable(Variables.UNIT_CODE, opened.unit().code());
    execution.setVariable(Variables.UNIT_NAME, opened.unit().name());
    execution.setVariable(Variables.QUARTER, opened.quarter().toString());
    execution.setVariable(Variables.QUARTER_LABEL, opened.quarter().label());
    execution.setVariable(Variables.ITEMS, rows.variable(opened.rows()));
  }
}
