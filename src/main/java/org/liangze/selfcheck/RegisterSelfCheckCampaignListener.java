package org.liangze.selfcheck;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.liangze.selfcheck.QuarterlySelfCheckProcess.Variables;
import org.springframework.stereotype.Component;

/** Start event listener: claims the quarter for this instance, refusing a second campaign of the same quarter. */
@Component("registerSelfCheckCampaign")
class RegisterSelfCheckCampaignListener implements ExecutionListener {

  private final SelfCheckCampaigns campaigns;

  RegisterSelfCheckCampaignListener(SelfCheckCampaigns campaigns) {
    this.campaigns = campaigns;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    Quarter quarter = campaigns.register(execution.getVariable(Variables.QUARTER), execution.getProcessInstanceId(),
        user == null ? null : user.getUserId());
    execution.setVariable(Variables.QUARTER, quarter.toString());
    // a start from Tasklist's form has no business key; every campaign is found by its quarter
    execution.setProcessBusinessKey(QuarterlySelfCheckProcess.businessKey(quarter));
  }
}
