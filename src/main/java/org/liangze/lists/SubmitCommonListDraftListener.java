package org.liangze.lists;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.liangze.lists.CommonListProcess.Variables;
import org.liangze.platform.CompletionListener;
import org.liangze.platform.DelegateInputs;
import org.springframework.stereotype.Component;

/**
 * End of the drafting task: checks the commission's items and stores them as the submitted draft in the task's
 * transaction (a refused draft leaves task and list as they were); hands the reviewer the draft and its changes
 * against last year's. An execution listener for the reason given on {@link SubmitListDraftListener}.
 */
@DelegateInputs({Variables.ITEMS, Variables.LIST_ID})
@Component("submitCommonListDraft")
class SubmitCommonListDraftListener extends CompletionListener {

  private final CommonLists commonLists;
  private final DraftItems draftItems;

  SubmitCommonListDraftListener(CommonLists commonLists, DraftItems draftItems) {
    this.commonLists = commonLists;
    this.draftItems = draftItems;
  }

  @Override
  protected void completed(DelegateExecution execution) {
    CommonLists.Submitted submitted = commonLists.submit((Long) execution.getVariable(Variables.LIST_ID),
        execution.getVariable(Variables.ITEMS));
    execution.setVariable(Variables.ITEMS, draftItems.variable(submitted.items()));
    execution.setVariable(Variables.DRAFT_SUMMARY, submitted.summary());
    execution.setVariable(Variables.CHANGES, submitted.changes());
    execution.setVariable(Variables.DECISION, null);
  }
}
