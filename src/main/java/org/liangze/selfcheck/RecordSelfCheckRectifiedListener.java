package org.liangze.selfcheck;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.liangze.selfcheck.UnitSelfCheckProcess.Variables;
import org.springframework.stereotype.Component;

/** End of the rectification call activity: the self-check is closed as rectified, with the rectification's id. */
@Component("recordSelfCheckRectified")
class RecordSelfCheckRectifiedListener implements ExecutionListener {

  private final SelfCheckService selfChecks;

  RecordSelfCheckRectifiedListener(SelfCheckService selfChecks) {
    this.selfChecks = selfChecks;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.isCanceled()) {
      return;
    }
    selfChecks.rectified((String) execution.getVariable(Variables.UNIT_CODE),
        (String) execution.getVariable(Variables.QUARTER), (Long) execution.getVariable(Variables.RECTIFICATION_ID));
  }
}
