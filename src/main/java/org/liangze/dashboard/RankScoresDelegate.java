package org.liangze.dashboard;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.liangze.dashboard.ScoreComputationProcess.Variables;
import org.liangze.platform.DelegateInputs;
import org.springframework.stereotype.Component;

/** The periods the run scored, ranked within each unit type. */
@DelegateInputs({Variables.STARTED_AT})
@Component("rankScores")
class RankScoresDelegate implements JavaDelegate {

  private final ScoreComputation computation;

  RankScoresDelegate(ScoreComputation computation) {
    this.computation = computation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    computation.rank(((Date) execution.getVariable(Variables.STARTED_AT)).toInstant());
  }
}
