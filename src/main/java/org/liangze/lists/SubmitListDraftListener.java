package org.liangze.lists;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.liangze.lists.ListFormulationProcess.Variables;
import org.liangze.platform.CompletionListener;
import org.liangze.platform.InvalidInputException;
import org.liangze.platform.DelegateInputs;
import org.springframework.stereotype.Component;

/**
 * End of the drafting task: checks the submitted items and stores them as the submitted draft in the same
 * transaction as the task's completion, so a refused draft leaves both the task and the list as they were.
 *
 * <p>An execution listener rather than a task listener because the engine wraps task-listener exceptions into a
 * generic error (HTTP 500 from the engine REST API); this one's {@link InvalidInputException} reaches the caller
 * as the 400 it is.
 */
@DelegateInputs({Variables.ITEMS, Variables.LIST_ID})
@Component("submitListDraft")
class SubmitListDraftListener extends CompletionListener {

  private final ListFormulationService formulation;
  private final DraftItems draftItems;

  SubmitListDraftListener(ListFormulationService formulation, DraftItems draftItems) {
    this.formulation = formulation;
    this.draftItems = draftItems;
  }

  @Override
  protected void completed(DelegateExecution execution) {
    List<ListItem> items = formulation.submit((Long) execution.getVariable(Variables.LIST_ID),
        draftItems.parse(execution.getVariable(Variables.ITEMS)));
    // the stored, trimmed items are what the reviewer sees and the unit gets back if the draft is returned
    execution.setVariable(Variables.ITEMS, draftItems.variable(items));
    execution.setVariable(Variables.DECISION, null);
  }
}
