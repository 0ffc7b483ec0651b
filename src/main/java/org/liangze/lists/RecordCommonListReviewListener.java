package org.liangze.lists;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.liangze.lists.CommonListProcess.Variables;
import org.liangze.platform.CompletionListener;
import org.liangze.platform.DelegateInputs;
import org.springframework.stereotype.Component;

/** End of the committee's review: checks the decision (a return needs comments) and records it in the task's transaction. */
@DelegateInputs({Variables.LIST_ID, Variables.DECISION, Variables.REVIEW_COMMENTS})
@Component("recordCommonListReview")
class RecordCommonListReviewListener extends CompletionListener {

  private final CommonLists commonLists;

  RecordCommonListReviewListener(CommonLists commonLists) {
    this.commonLists = commonLists;
  }

  @Override
  protected void completed(DelegateExecution execution) {
    commonLists.review((Long) execution.getVariable(Variables.LIST_ID), execution.getVariable(Variables.DECISION),
        execution.getVariable(Variables.REVIEW_COMMENTS));
  }
}
