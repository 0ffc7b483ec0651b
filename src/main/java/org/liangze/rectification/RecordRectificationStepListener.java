package org.liangze.rectification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.liangze.platform.CompletionListener;
import org.liangze.platform.InvalidInputException;
import org.liangze.rectification.RectificationProcess.Element;
import org.liangze.rectification.RectificationProcess.Variables;
import org.springframework.stereotype.Component;

/**
 * End of each rectification task (plan the rows, carry out a row, verify a row): checks the person's input and stores it in the same
 * transaction as the task's completion, so refused input leaves both as they were. An execution listener so that
 * its {@link InvalidInputException} reaches Tasklist and the REST API as a 400.
 */
@Component("recordRectificationStep")
class RecordRectificationStepListener extends CompletionListener {

  private final Rectifications rectifications;

  RecordRectificationStepListener(Rectifications rectifications) {
    this.rectifications = rectifications;
  }

  @Override
  protected void completed(DelegateExecution execution) {
    long id = (Long) execution.getVariable(Variables.RECTIFICATION_ID);
    switch (Element.valueOf(execution.getCurrentActivityId())) {
      case PlanRectification -> execution.setVariable(Variables.PLAN, rectifications.plan(id,
          execution.getVariable(Variables.LEDGER_ROWS), execution.getVariable(Variables.PLAN)));
      case CarryOut -> rectifications.report(rowId(execution), (String) execution.getVariable(Variables.UNIT_CODE),
          execution.getVariable(Variables.REPORT), execution.getVariable(Variables.EVIDENCE),
          execution.getVariable(Variables.RECORDS));
      case VerifyRectification -> {
        Rectifications.Verdict verdict = rectifications.verify(rowId(execution),
            execution.getVariable(Variables.DECISION), execution.getVariable(Variables.VERIFICATION_COMMENT),
            currentUser(execution));
        if (verdict.rectificationVerified()) {
          execution.setVariable(Variables.OUTCOME, RectificationStatus.VERIFIED.name());
        }
      }
      default -> throw new IllegalStateException("No rectification step at " + execution.getCurrentActivityId());
    }
  }

  /**
   * The row this step is about; an instance of the model from before the ledger has none, and works on the one row
   * its plan became (Flyway V85 made it for plans filed before the upgrade).
   */
  private long rowId(DelegateExecution execution) {
    if (execution.getVariable(Variables.ROW_ID) instanceof Number row) {
      return row.longValue();
    }
    long id = ((Number) execution.getVariable(Variables.RECTIFICATION_ID)).longValue();
    return rectifications.singleRowOf(id);
  }

  private static String currentUser(DelegateExecution execution) {
    Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return user == null ? null : user.getUserId();
  }
}
