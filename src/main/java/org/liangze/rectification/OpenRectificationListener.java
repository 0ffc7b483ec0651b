package org.liangze.rectification;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.liangze.rectification.RectificationProcess.Variables;
import org.springframework.stereotype.Component;

/**
 * Start event listener: checks the caller's inputs and opens the rectification, with its source (the calling
 * process, or an inspection's findings), the owner list for the plan form, the unit's evidence for the carry-out form, and the plan's first row pre-filled with
 * the requirement unless the starter pre-filled rows (an inspection, one per finding).
 */
@Component("openRectification")
class OpenRectificationListener implements ExecutionListener {

  private final Rectifications rectifications;
  private final RectificationLedger ledger;
  private final PlanRows planRows;

  OpenRectificationListener(Rectifications rectifications, RectificationLedger ledger, PlanRows planRows) {
    this.rectifications = rectifications;
    this.ledger = ledger;
    this.planRows = planRows;
  }

  @Override
  public void notify(DelegateExecution execution) {
    LedgerSource source = source(execution);
    Rectifications.Opened opened = rectifications.open(execution.getVariable(Variables.UNIT_CODE),
        execution.getVariable(Variables.SUBJECT), execution.getVariable(Variables.CAUSE),
        execution.getVariable(Variables.DEADLINE), execution.getProcessBusinessKey(),
        execution.getProcessInstanceId(), source);
    execution.setVariable(Variables.RECTIFICATION_ID, opened.id());
    execution.setVariable(Variables.UNIT_CODE, opened.unit().code());
    execution.setVariable(Variables.UNIT_NAME, opened.unit().name());
    execution.setVariable(Variables.SUBJECT, opened.subject());
    execution.setVariable(Variables.CAUSE, opened.cause());
    execution.setVariable(Variables.DEADLINE, opened.deadline().toString());
    execution.setVariable(Variables.DEADLINE_DUE, opened.deadlineDue());
    execution.setVariable(Variables.SOURCE_LABEL, source.label());
    execution.setVariable(Variables.OWNER_OPTIONS, planRows.variable(ledger.ownerOptions(opened.unit().code())));
    if (execution.getVariable(Variables.LEDGER_ROWS) == null) {
      execution.setVariable(Variables.LEDGER_ROWS, planRows.variable(
          List.of(Map.of("problem", opened.subject(), "deadline", opened.deadline().toString()))));
    }
    execution.setVariable(Variables.OUTCOME, RectificationStatus.OPEN.name());
  }

  /** An inspection's start says so; a call activity's source is the calling process. */
  private static LedgerSource source(DelegateExecution execution) {
    if (execution.getVariable(Variables.INSPECTION_ROUND) != null) {
      return LedgerSource.INSPECTION;
    }
    ExecutionEntity caller = ((ExecutionEntity) execution).getProcessInstance().getSuperExecution();
    return caller == null ? LedgerSource.OTHER
        : LedgerSource.ofCallingProcess(caller.getProcessDefinition().getKey());
  }
}
