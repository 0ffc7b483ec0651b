package org.liangze.lists;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.liangze.lists.ListFormulationProcess.Variables;
import org.liangze.platform.CompletionListener;
import org.liangze.platform.DelegateInputs;
import org.springframework.stereotype.Component;

/**
 * End of the review task: checks the commission's decision (comments are required to return a draft) and records
 * it in the task's transaction. An execution listener for the reason given on {@link SubmitListDraftListener}.
 */
@DelegateInputs({Variables.LIST_ID, Variables.DECISION, Variables.REVIEW_COMMENTS})
@Component("recordListReview")
class RecordListReviewListener extends CompletionListener {

  private final ListFormulationService formulation;

  RecordListReviewListener(ListFormulationService formulation) {
    this.formulation = formulation;
  }

  @Override
  protected void completed(DelegateExecution execution) {
    formulation.review((Long) execution.getVariable(Variables.LIST_ID), execution.getVariable(Variables.DECISION),
        execution.getVariable(Variables.REVIEW_COMMENTS));
  }
}
