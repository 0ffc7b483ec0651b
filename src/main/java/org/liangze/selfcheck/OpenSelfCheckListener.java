package org.liangze.selfcheck;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.liangze.platform.DelegateInputs;
import org.liangze.selfcheck.UnitSelfCheckProcess.Variables;
import org.springframework.stereotype.Component;

/**
 * Start event listener: opens the unit's self-check of the quarter and notes whether the unit has a 纪检委员 to check
 * it. The rows are not put on the process: each assessment instance reads its share from the unit's list
 * ({@link OfferSelfCheckShareListener}), and the assembled rows are set once every share is in.
 */
@DelegateInputs({Variables.UNIT_CODE, Variables.QUARTER})
@Component("openSelfCheck")
class OpenSelfCheckListener implements ExecutionListener {

  private final SelfCheckService selfChecks;

  OpenSelfCheckListener(SelfCheckService selfChecks) {
    this.selfChecks = selfChecks;
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
    execution.setVariable(Variables.INSPECTOR_CHECK, opened.inspectorCheck());
  }

  private static void setIfChanged(DelegateExecution execution, String name, String value) {
    if (!value.equals(execution.getVariable(name))) {
      execution.setVariable(name, value);
    }
  }
}
