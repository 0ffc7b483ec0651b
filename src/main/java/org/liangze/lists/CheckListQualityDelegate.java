package org.liangze.lists;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.liangze.lists.ListFormulationProcess.Variables;
import org.liangze.platform.DelegateInputs;
import org.springframework.stereotype.Component;

/** Runs the automatic quality checks on the submitted draft; safe to retry, the findings are replaced. */
@DelegateInputs({Variables.LIST_ID})
@Component("checkListQuality")
class CheckListQualityDelegate implements JavaDelegate {

  private final ListFormulationService formulation;

  CheckListQualityDelegate(ListFormulationService formulation) {
    this.formulation = formulation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ListFormulationService.QualityResult result = formulation.check((Long) execution.getVariable(Variables.LIST_ID));
    execution.setVariable(Variables.QUALITY_REPORT, result.report());
    execution.setVariable(Variables.QUALITY_FLAG_COUNT, result.flags().size());
    execution.setVariable(Variables.DRAFT_SUMMARY, result.draftSummary());
  }
}
