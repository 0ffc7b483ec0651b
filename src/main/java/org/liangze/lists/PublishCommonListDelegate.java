package org.liangze.lists;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.liangze.lists.CommonListProcess.Variables;
import org.liangze.platform.DelegateInputs;
import org.springframework.stereotype.Component;

/**
 * Publishes the approved common list as its unit type's list of the year, superseding the type's previous version;
 * after its own transaction boundary, so a failure never undoes the approval; publishing twice changes nothing.
 */
@DelegateInputs({Variables.LIST_ID})
@Component("publishCommonList")
class PublishCommonListDelegate implements JavaDelegate {

  private final CommonLists commonLists;

  PublishCommonListDelegate(CommonLists commonLists) {
    this.commonLists = commonLists;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(Variables.CHANGE_SUMMARY,
        commonLists.publish((Long) execution.getVariable(Variables.LIST_ID)).summary());
  }
}
