package org.liangze.letter;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.liangze.letter.LetterSigningProcess.Variables;
import org.liangze.platform.DelegateInputs;
import org.springframework.stereotype.Component;

/**
 * Sends the revised letter back to the unit, and clears the previous answer so the signing form starts afresh.
 */
@DelegateInputs({Variables.LETTER_ID, Variables.REVISION_NOTE})
@Component("reissueLetter")
class ReissueLetterDelegate implements JavaDelegate {

  private final LetterService letters;

  ReissueLetterDelegate(LetterService letters) {
    this.letters = letters;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long letterId = (Long) execution.getVariable(Variables.LETTER_ID);
    letters.reissue(letterId, (String) execution.getVariable(Variables.REVISION_NOTE));
    execution.setVariable(Variables.LETTER_SUMMARY, letters.summaryOf(letterId));
    execution.setVariable(Variables.DECISION, null);
    execution.setVariable(Variables.SIGNATURE, null);
  }
}
