package org.liangze.clue;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.liangze.clue.ClueProcess.Variables;
import org.springframework.stereotype.Component;

/** Start event listener: checks the registration form and opens the clue's row, however the clue was started. */
@Component("registerClue")
class RegisterClueListener implements ExecutionListener {

  private final Clues clues;

  RegisterClueListener(Clues clues) {
    this.clues = clues;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    Clue clue = clues.register(execution.getVariable(Variables.SOURCE), execution.getVariable(Variables.TITLE),
        execution.getVariable(Variables.CONTENT), execution.getVariable(Variables.REPORTER),
        execution.getProcessInstanceId(), user == null ? null : user.getUserId());
    execution.setVariable(Variables.CLUE_ID, clue.id());
    execution.setVariable(Variables.CLUE_LABEL, clue.label());
    execution.setVariable(Variables.SOURCE_LABEL, clue.source().label());
    execution.setVariable(Variables.REPORTER_LABEL, clue.reporter() == null ? "匿名" : clue.reporter());
    execution.setVariable(Variables.UNIT_OPTIONS, clues.unitOptions());
    execution.setProcessBusinessKey(ClueProcess.businessKey(clue.id()));
  }
}
