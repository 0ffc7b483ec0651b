package org.liangze.lists;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.liangze.platform.DelegateInputs;
import org.springframework.stereotype.Component;

/** End of the process, published or cancelled: closes its drafting round so the type's list can be revised again. */
@DelegateInputs({})
@Component("closeCommonListRound")
class CloseCommonListRoundListener implements ExecutionListener {

  private final CommonLists commonLists;

  CloseCommonListRoundListener(CommonLists commonLists) {
    this.commonLists = commonLists;
  }

  @Override
  public void notify(DelegateExecution execution) {
    commonLists.close(execution.getProcessInstanceId());
  }
}
