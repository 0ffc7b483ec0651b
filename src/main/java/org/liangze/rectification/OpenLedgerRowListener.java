package org.liangze.rectification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.liangze.rectification.RectificationProcess.Variables;
import org.springframework.stereotype.Component;

/**
 * Start of one row's follow-up: the row's problem, measure, owner and deadline as variables of this instance only,
 * and the step variables (report, evidence, decision, comment) made local, so that parallel rows never share them.
 */
@Component("openLedgerRow")
class OpenLedgerRowListener implements ExecutionListener {

  private final RectificationLedger ledger;

  OpenLedgerRowListener(RectificationLedger ledger) {
    this.ledger = ledger;
  }

  @Override
  public void notify(DelegateExecution execution) {
    LedgerRow row = ledger.row(((Number) execution.getVariable(Variables.ROW_ID)).longValue());
    execution.setVariableLocal(Variables.ROW_POSITION, row.position());
    execution.setVariableLocal(Variables.ROW_PROBLEM, row.problem());
    execution.setVariableLocal(Variables.ROW_MEASURE, row.measure());
    execution.setVariableLocal(Variables.ROW_OWNER_ID, row.ownerId());
    execution.setVariableLocal(Variables.ROW_OWNER_NAME, row.ownerName() == null ? "本单位工作人员" : row.ownerName());
    execution.setVariableLocal(Variables.ROW_DEADLINE, row.deadline().toString());
    execution.setVariableLocal(Variables.ROW_DUE, ledger.dueOf(row));
    for (String step : new String[] {Variables.REPORT, Variables.EVIDENCE, Variables.RECORDS, Variables.DECISION,
        Variables.VERIFICATION_COMMENT}) {
      execution.setVariableLocal(step, null);
    }
  }
}
