package org.liangze.lists;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.liangze.lists.ListFormulationProcess.Variables;
import org.liangze.platform.DelegateInputs;
import org.springframework.stereotype.Component;

/**
 * Publishes the approved list, superseding the unit's previous version of the year; runs after its own
 * transaction boundary so a failure never undoes the approval, and publishing twice changes nothing.
 */
@DelegateInputs({Variables.LIST_ID})
@Component("publishList")
class PublishListDelegate implements JavaDelegate {

  private final ListFormulationService formulation;

  PublishListDelegate(ListFormulationService formulation) {
    this.formulation = formulation;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ListDiff diff = formulation.publish((Long) execution.getVariable(Variables.LIST_ID));
    execution.setVariable(Variables.CHANGE_SUMMARY, diff.summary());
  }
}
