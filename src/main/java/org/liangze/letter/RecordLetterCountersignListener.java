package org.liangze.letter;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.liangze.letter.LetterSigningProcess.Variables;
import org.liangze.platform.CompletionListener;
import org.liangze.platform.DelegateInputs;
import org.springframework.stereotype.Component;

/**
 * End of the issuing level's countersigning task: records the countersignature in the same transaction as the
 * task's completion, so a refused one leaves the task and the letter as they were. (An execution listener for the
 * reason given on {@link RecordLetterDecisionListener}.)
 */
@DelegateInputs({Variables.LETTER_ID, Variables.COUNTERSIGNATURE})
@Component("recordLetterCountersign")
class RecordLetterCountersignListener extends CompletionListener {

  private final LetterService letters;

  RecordLetterCountersignListener(LetterService letters) {
    this.letters = letters;
  }

  @Override
  protected void completed(DelegateExecution execution) {
    Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    letters.countersign((Long) execution.getVariable(Variables.LETTER_ID), user == null ? null : user.getUserId(),
        (String) execution.getVariable(Variables.COUNTERSIGNATURE));
  }
}
