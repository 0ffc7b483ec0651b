package org.liangze.clue;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.liangze.clue.ClueProcess.Variables;
import org.liangze.platform.CompletionListener;
import org.springframework.stereotype.Component;

/** End listener of the triage task: checks and records the decision (a bad one refuses the completion). */
@Component("triageClue")
class TriageClueListener extends CompletionListener {

  private final Clues clues;

  TriageClueListener(Clues clues) {
    this.clues = clues;
  }

  @Override
  protected void completed(DelegateExecution execution) {
    Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    clues.triage(((Number) execution.getVariable(Variables.CLUE_ID)).longValue(),
        execution.getVariable(Variables.DECISION), execution.getVariable(Variables.UNIT_CODE),
        execution.getVariable(Variables.CAUSE), execution.getVariable(Variables.CLOSE_REASON),
        user == null ? null : user.getUserId());
  }
}
