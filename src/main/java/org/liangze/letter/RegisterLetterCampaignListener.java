package org.liangze.letter;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.liangze.letter.LetterSigningProcess.Variables;
import org.liangze.platform.DelegateInputs;
import org.springframework.stereotype.Component;

/** Start event listener: claims the year for this instance, refusing a second campaign of the same year. */
@DelegateInputs({Variables.YEAR})
@Component("registerLetterCampaign")
class RegisterLetterCampaignListener implements ExecutionListener {

  private final LetterCampaigns campaigns;

  RegisterLetterCampaignListener(LetterCampaigns campaigns) {
    this.campaigns = campaigns;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    int year = campaigns.register(execution.getVariable(Variables.YEAR), execution.getProcessInstanceId(),
        user == null ? null : user.getUserId());
    execution.setVariable(Variables.YEAR, year);
  }
}
