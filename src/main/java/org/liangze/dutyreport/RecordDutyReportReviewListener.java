package org.liangze.dutyreport;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.liangze.dutyreport.DutyReportProcess.Variables;
import org.liangze.platform.CompletionListener;
import org.liangze.platform.DelegateInputs;
import org.springframework.stereotype.Component;

/** End of the secretary's review: accepted, or returned with comments (required) to the member. */
@DelegateInputs({Variables.REPORT_ID, Variables.DECISION, Variables.REVIEW_COMMENTS})
@Component("recordDutyReportReview")
class RecordDutyReportReviewListener extends CompletionListener {

  private final DutyReports reports;

  RecordDutyReportReviewListener(DutyReports reports) {
    this.reports = reports;
  }

  @Override
  protected void completed(DelegateExecution execution) {
    Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    reports.review((Long) execution.getVariable(Variables.REPORT_ID), execution.getVariable(Variables.DECISION),
        execution.getVariable(Variables.REVIEW_COMMENTS), user == null ? null : user.getUserId());
  }
}
