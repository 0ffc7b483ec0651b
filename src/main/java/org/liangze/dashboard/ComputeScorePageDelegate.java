package org.liangze.dashboard;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.liangze.dashboard.ScoreComputationProcess.Variables;
import org.liangze.platform.DelegateInputs;
import org.springframework.stereotype.Component;

/** One page of marked units computed and stored, in the transaction of its own job. */
@DelegateInputs({Variables.UP_TO_MARK})
@Component("computeScorePage")
class ComputeScorePageDelegate implements JavaDelegate {

  private final ScoreComputation computation;

  ComputeScorePageDelegate(ScoreComputation computation) {
    this.computation = computation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ScoreComputation.Page page = computation.computePage(
        ((Number) execution.getVariable(Variables.UP_TO_MARK)).longValue());
    execution.setVariable(Variables.MORE_PAGES, page.more());
  }
}
