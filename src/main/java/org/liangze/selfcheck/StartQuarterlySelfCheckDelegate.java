package org.liangze.selfcheck;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.liangze.selfcheck.QuarterlySelfCheckTimerProcess.Variables;
import org.liangze.platform.DelegateInputs;
import org.springframework.stereotype.Component;

/** The quarterly timer's step: starts the campaign of the quarter just ended, unless it was started before. */
@DelegateInputs({})
@Component("startQuarterlySelfCheck")
class StartQuarterlySelfCheckDelegate implements JavaDelegate {

  private final SelfCheckCampaigns campaigns;

  StartQuarterlySelfCheckDelegate(SelfCheckCampaigns campaigns) {
    this.campaigns = campaigns;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SelfCheckCampaigns.TimerStart start = campaigns.startFromTimer();
    execution.setVariable(Variables.QUARTER, start.quarter().toString());
    execution.setVariable(Variables.STARTED, start.processInstanceId() != null);
    execution.setVariable(Variables.CAMPAIGN_ID, start.processInstanceId());
  }
}
