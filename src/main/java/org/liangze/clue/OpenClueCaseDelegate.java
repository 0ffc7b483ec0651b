package org.liangze.clue;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.liangze.clue.ClueProcess.Variables;
import org.liangze.platform.DelegateInputs;
import org.springframework.stereotype.Component;

@DelegateInputs({Variables.CLUE_ID})
@Component("openClueCase")
class OpenClueCaseDelegate implements JavaDelegate {

  private final Clues clues;

  OpenClueCaseDelegate(Clues clues) {
    this.clues = clues;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(Variables.CASE_ID,
        clues.openCase(((Number) execution.getVariable(Variables.CLUE_ID)).longValue()));
  }
}
