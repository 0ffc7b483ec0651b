package org.liangze.dutyreport;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.liangze.dutyreport.DutyReportProcess.Variables;
import org.liangze.platform.CompletionListener;
import org.liangze.platform.DelegateInputs;
import org.springframework.stereotype.Component;

/** End of the writing task: stores the report in the task's transaction (a refusal leaves both as they were). */
@DelegateInputs({Variables.REPORT_ID, Variables.REPORT})
@Component("submitDutyReport")
class SubmitDutyReportListener extends CompletionListener {

  private final DutyReports reports;

  SubmitDutyReportListener(DutyReports reports) {
    this.reports = reports;
  }

  @Override
  protected void completed(DelegateExecution execution) {
    reports.submit((Long) execution.getVariable(Variables.REPORT_ID), execution.getVariable(Variables.REPORT));
    execution.setVariable(Variables.DECISION, null);
  }
}
