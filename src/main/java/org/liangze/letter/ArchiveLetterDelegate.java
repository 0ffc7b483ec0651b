package org.liangze.letter;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.liangze.letter.LetterSigningProcess.Variables;
import org.liangze.platform.DelegateInputs;
import org.springframework.stereotype.Component;

/** Archives a signed letter; runs after its own transaction boundary so a failure never undoes the signature. */
@DelegateInputs({Variables.LETTER_ID})
@Component("archiveLetter")
class ArchiveLetterDelegate implements JavaDelegate {

  private final LetterService letters;

  ArchiveLetterDelegate(LetterService letters) {
    this.letters = letters;
  }

  @Override
  public void execute(DelegateExecution execution) {
    letters.archive((Long) execution.getVariable(Variables.LETTER_ID));
  }
}
