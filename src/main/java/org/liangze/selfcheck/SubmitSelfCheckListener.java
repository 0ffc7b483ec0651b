package org.liangze.selfcheck;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.liangze.platform.CompletionListener;
import org.liangze.platform.InvalidInputException;
import org.liangze.selfcheck.UnitSelfCheckProcess.Variables;
import org.springframework.stereotype.Component;

/**
 * End of the assessment task: checks that every item got a status and that cited evidence exists, and stores the
 * results in the same transaction as the task's completion, so a refused assessment leaves both as they were.
 *
 * <p>An execution listener rather than a task listener because the engine wraps task-listener exceptions into a
 * generic error (HTTP 500 from the engine REST API); this one's {@link InvalidInputException} reaches the caller
 * as the 400 it is.
 */
@Component("submitSelfCheck")
class SubmitSelfCheckListener extends CompletionListener {

  private final SelfCheckService selfChecks;
  private final AssessmentRows rows;

  SubmitSelfCheckListener(SelfCheckService selfChecks, AssessmentRows rows) {
    this.selfChecks = selfChecks;
    this.rows = rows;
  }

  @Override
  protected void completed(DelegateExecution execution) {
    SelfCheckService.Submitted submitted = selfChecks.submit((String) execution.getVariable(Variables.UNIT_CODE),
        (String) execution.getVariable(Variables.QUARTER), rows.parse(execution.getVariable(Variables.ITEMS)),
        currentUser(execution));
    // the stored, trimmed rows are what the unit gets back if the self-check is returned
    execution.setVariable(Variables.ITEMS, rows.variable(submitted.rows()));
    execution.setVariable(Variables.ASSESSMENT_SUMMARY, submitted.summary());
  }

  static String currentUser(DelegateExecution execution) {
    Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return user == null ? null : user.getUserId();
  }
}
