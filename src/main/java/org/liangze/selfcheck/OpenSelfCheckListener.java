package org.liangze.selfcheck;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.liangze.platform.DelegateInputs;
import org.liangze.selfcheck.UnitSelfCheckProcess.Variables;
import org.springframework.stereotype.Component;

/**
 * Start event listener: opens the unit's self-check of the quarter with a row for every item of its lists, and
 * notes whether the unit has a 纪检委员 to check it.
 */
@DelegateInputs({Variables.UNIT_CODE, Variables.QUARTER})
@Component("openSelfCheck")
class OpenSelfCheckListener implements ExecutionListener {

  private final SelfCheckService selfChecks;
  private final AssessmentRows rows;
  private final SelfCheckCitations citations;

  OpenSelfCheckListener(SelfCheckService selfChecks, AssessmentRows rows, SelfCheckCitations citations) {
    this.selfChecks = selfChecks;
    this.rows = rows;
    this.citations = citations;
  }

  @Override
  public void notify(DelegateExecution execution) {
    SelfCheckService.Opened opened = selfChecks.open(execution.getVariable(Variables.UNIT_CODE),
        execution.getVariable(Variables.QUARTER), execution.getProcessInstanceId());
    // the call activity passes both already in their canonical form; writing them again would only add a history
    // row each per unit to a campaign launch (ACT_HI_DETAIL at history level full)
    setIfChanged(execution, Variables.UNIT_CODE, opened.unit().code());
    execution.setVariable(Variables.UNIT_NAME, opened.unit().name());
    setIfChanged(execution, Variables.QUARTER, opened.quarter().toString());
    execution.setVariable(Variables.QUARTER_LABEL, opened.quarter().label());
    execution.setVariable(Variables.ITEMS, rows.variable(opened.rows()));
    execution.setVariable(Variables.INSPECTOR_CHECK, opened.inspectorCheck());
    citations.offer(execution, opened.unit().code());
  }

  private static void setIfChanged(DelegateExecution execution, String name, String value) {
    if (!value.equals(execution.getVariable(name))) {
      execution.setVariable(name, value);
    }
  }
}
