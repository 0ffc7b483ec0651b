package org.liangze.dashboard;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.liangze.dashboard.ScoreComputationProcess.Variables;
import org.liangze.platform.DelegateInputs;
import org.springframework.stereotype.Component;

/** The run's plan: the formula version registered, the district swept when due, the marks it takes up fixed. */
@DelegateInputs({})
@Component("planScoreComputation")
class PlanScoreComputationDelegate implements JavaDelegate {

  private final ScoreComputation computation;

  PlanScoreComputationDelegate(ScoreComputation computation) {
    this.computation = computation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ScoreComputation.Plan plan = computation.plan();
    execution.setVariable(Variables.UP_TO_MARK, plan.upToMark());
    execution.setVariable(Variables.SWEPT, plan.swept());
    execution.setVariable(Variables.STARTED_AT, Date.from(plan.startedAt()));
  }
}
