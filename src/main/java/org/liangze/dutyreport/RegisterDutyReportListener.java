package org.liangze.dutyreport;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.liangze.dutyreport.DutyReportProcess.Variables;
import org.liangze.platform.DelegateInputs;
import org.springframework.stereotype.Component;

/** Start event listener: checks the member and claims their report of the year, however it was started. */
@DelegateInputs({Variables.YEAR, Variables.UNIT_CODE, Variables.MEMBER_ID})
@Component("registerDutyReport")
class RegisterDutyReportListener implements ExecutionListener {

  private final DutyReports reports;

  RegisterDutyReportListener(DutyReports reports) {
    this.reports = reports;
  }

  @Override
  public void notify(DelegateExecution execution) {
    DutyReports.Registered registered = reports.register(execution.getVariable(Variables.YEAR),
        execution.getVariable(Variables.UNIT_CODE), execution.getVariable(Variables.MEMBER_ID),
        execution.getProcessInstanceId());
    execution.setVariable(Variables.REPORT_ID, registered.reportId());
    execution.setVariable(Variables.UNIT_NAME, registered.unitName());
    execution.setVariable(Variables.MEMBER_NAME, registered.memberName());
    execution.setVariable(Variables.AREA_ITEMS, registered.areaItems());
    execution.setVariable(Variables.REVIEW_COMMENTS, "");
  }
}
