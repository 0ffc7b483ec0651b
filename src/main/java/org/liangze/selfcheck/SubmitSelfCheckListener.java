package org.liangze.selfcheck;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.liangze.platform.CompletionListener;
import org.liangze.platform.DelegateInputs;
import org.liangze.platform.InvalidInputException;
import org.liangze.selfcheck.UnitSelfCheckProcess.Variables;
import org.springframework.stereotype.Component;

/**
 * End of one assessment instance: checks that every item of its share got a status and that cited evidence exists,
 * and stores the rows in the same transaction as the task's completion, so a refused assessment leaves both as
 * they were.
 *
 * <p>An execution listener rather than a task listener because the engine wraps task-listener exceptions into a
 * generic error (HTTP 500 from the engine REST API); this one's {@link InvalidInputException} reaches the caller
 * as the 400 it is.
 */
@DelegateInputs({Variables.UNIT_CODE, Variables.QUARTER, Variables.ASSESSOR, Variables.ITEMS})
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
    selfChecks.submit((String) execution.getVariable(Variables.UNIT_CODE),
        (String) execution.getVariable(Variables.QUARTER), (String) execution.getVariable(Variables.ASSESSOR),
        rows.parse(execution.getVariable(Variables.ITEMS)), currentUser(execution));
  }

  static String currentUser(DelegateExecution execution) {
    Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return user == null ? null : user.getUserId();
  }
}
