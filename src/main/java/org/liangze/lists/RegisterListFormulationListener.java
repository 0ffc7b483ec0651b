package org.liangze.lists;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.liangze.lists.ListFormulationProcess.Variables;
import org.liangze.platform.DelegateInputs;
import org.springframework.stereotype.Component;

/** Start event listener: claims the unit's year for this instance and opens the pre-filled draft. */
@DelegateInputs({Variables.UNIT_CODE, Variables.YEAR})
@Component("registerListFormulation")
class RegisterListFormulationListener implements ExecutionListener {

  private final ListFormulations formulations;
  private final DraftItems draftItems;
  private final ItemResponsibles responsibles;

  RegisterListFormulationListener(ListFormulations formulations, DraftItems draftItems,
      ItemResponsibles responsibles) {
    this.formulations = formulations;
    this.draftItems = draftItems;
    this.responsibles = responsibles;
  }

  @Override
  public void notify(DelegateExecution execution) {
    ListFormulations.Registered registered = formulations.register(execution.getVariable(Variables.UNIT_CODE),
        execution.getVariable(Variables.YEAR), execution.getProcessInstanceId(),
        execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication());
    execution.setVariable(Variables.UNIT_CODE, registered.unitCode());
    execution.setVariable(Variables.UNIT_NAME, registered.unitName());
    execution.setVariable(Variables.YEAR, registered.year());
    execution.setVariable(Variables.LIST_ID, registered.listId());
    execution.setVariable(Variables.ITEMS, draftItems.variable(registered.items()));
    execution.setVariable(Variables.DRAFT_BASIS, registered.draftBasis());
    execution.setVariable(Variables.COMMON_LIST, registered.commonList());
    // the drafting form's lists to pick each item's 责任人 and 责任领导 from: nobody types a login
    execution.setVariable(Variables.UNIT_PEOPLE, responsibles.peopleOptions(registered.unitCode()));
    execution.setVariable(Variables.UNIT_LEADERS, responsibles.leaderOptions(registered.unitCode()));
  }
}
