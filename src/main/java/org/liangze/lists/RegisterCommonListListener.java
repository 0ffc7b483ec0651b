package org.liangze.lists;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.liangze.lists.CommonListProcess.Variables;
import org.liangze.platform.DelegateInputs;
import org.springframework.stereotype.Component;

/** Start event listener: opens the type's drafting round of the year for this instance and its pre-filled draft. */
@DelegateInputs({Variables.UNIT_TYPE, Variables.YEAR, Variables.ITEMS, Variables.IMPORTED_BY})
@Component("registerCommonList")
class RegisterCommonListListener implements ExecutionListener {

  private final CommonLists commonLists;
  private final DraftItems draftItems;

  RegisterCommonListListener(CommonLists commonLists, DraftItems draftItems) {
    this.commonLists = commonLists;
    this.draftItems = draftItems;
  }

  @Override
  public void notify(DelegateExecution execution) {
    CommonLists.Registered registered = commonLists.register(execution.getVariable(Variables.UNIT_TYPE),
        execution.getVariable(Variables.YEAR), execution.getVariable(Variables.ITEMS),
        execution.getVariable(Variables.IMPORTED_BY), execution.getProcessInstanceId(),
        execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication());
    execution.setVariable(Variables.UNIT_TYPE, registered.unitType().name());
    execution.setVariable(Variables.UNIT_TYPE_LABEL, registered.unitType().label());
    execution.setVariable(Variables.YEAR, registered.year());
    execution.setVariable(Variables.LIST_ID, registered.listId());
    execution.setVariable(Variables.ITEMS, draftItems.variable(registered.items()));
    execution.setVariable(Variables.DRAFT_BASIS, registered.draftBasis());
  }
}
