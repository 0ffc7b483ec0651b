package org.liangze.selfcheck;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.liangze.platform.CompletionListener;
import org.liangze.selfcheck.UnitSelfCheckProcess.Variables;
import org.springframework.stereotype.Component;

/** End of the rectification call activity: the self-check is closed as rectified, with the rectification's id. */
@Component("recordSelfCheckRectified")
class RecordSelfCheckRectifiedListener extends CompletionListener {

  private final SelfCheckService selfChecks;

  RecordSelfCheckRectifiedListener(SelfCheckService selfChecks) {
    this.selfChecks = selfChecks;
  }

  @Override
  protected void completed(DelegateExecution execution) {
    selfChecks.rectified((String) execution.getVariable(Variables.UNIT_CODE),
        (String) execution.getVariable(Variables.QUARTER), (Long) execution.getVariable(Variables.RECTIFICATION_ID));
  }
}
