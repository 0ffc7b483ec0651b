package org.liangze.letter;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.liangze.letter.LetterSigningProcess.Variables;
import org.liangze.platform.CompletionListener;
import org.liangze.platform.DelegateInputs;
import org.springframework.stereotype.Component;

/**
 * End of the issuing level's revision task (the committee, or the unit above): a revision must say what changed.
 * (An execution listener for the reason given on {@link RecordLetterDecisionListener}.)
 */
@DelegateInputs({Variables.REVISION_NOTE})
@Component("checkLetterRevision")
class CheckLetterRevisionListener extends CompletionListener {

  private final LetterService letters;

  CheckLetterRevisionListener(LetterService letters) {
    this.letters = letters;
  }

  @Override
  protected void completed(DelegateExecution execution) {
    letters.checkRevisionNote((String) execution.getVariable(Variables.REVISION_NOTE));
  }
}
