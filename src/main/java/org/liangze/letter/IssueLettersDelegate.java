package org.liangze.letter;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.liangze.letter.LetterSigningProcess.Variables;
import org.liangze.platform.DelegateInputs;
import org.springframework.stereotype.Component;

/** Issues the year's letter to every unit; safe to retry, a unit that has its letter gets none again. */
@DelegateInputs({Variables.YEAR})
@Component("issueLetters")
class IssueLettersDelegate implements JavaDelegate {

  private final LetterService letters;

  IssueLettersDelegate(LetterService letters) {
    this.letters = letters;
  }

  @Override
  public void execute(DelegateExecution execution) {
    letters.issueAll((Integer) execution.getVariable(Variables.YEAR));
  }
}
