package org.liangze.report;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.liangze.platform.CompletionListener;
import org.liangze.platform.DelegateInputs;
import org.liangze.platform.InvalidInputException;
import org.liangze.report.HalfYearReportProcess.Variables;
import org.springframework.stereotype.Component;

/** The half-year report models' Java steps: each a few lines calling {@link HalfYearReports}. */
final class ReportDelegates {

  private ReportDelegates() {
  }

  /** Both start events: claims the half-year (a second campaign is refused) and fixes the period variable. */
  @Component("registerReportCampaign")
  @DelegateInputs({Variables.PERIOD})
  static class RegisterCampaign implements ExecutionListener {
    private final ReportCampaigns campaigns;

    RegisterCampaign(ReportCampaigns campaigns) {
      this.campaigns = campaigns;
    }

    @Override
    public void notify(DelegateExecution execution) {
      Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
      execution.setVariable(Variables.PERIOD, campaigns.register(execution.getVariable(Variables.PERIOD),
          execution.getProcessInstanceId(), user == null ? null : user.getUserId()));
    }
  }

  /** Drafts the unit's report from its record and sets what the edit form shows. */
  @Component("draftReport")
  @DelegateInputs({Variables.UNIT_CODE, Variables.PERIOD})
  static class Draft implements JavaDelegate {
    private final HalfYearReports reports;

    Draft(HalfYearReports reports) {
      this.reports = reports;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String unitCode = (String) execution.getVariable(Variables.UNIT_CODE);
      long id = reports.draft(unitCode, (String) execution.getVariable(Variables.PERIOD));
      execution.setVariable(Variables.UNIT_NAME, reports.unitNameOf(unitCode));
      execution.setVariable(Variables.REPORT_ID, id);
      execution.setVariable(Variables.REPORT_FIGURES, reports.figuresText(id));
      execution.setVariable(Variables.REPORT_TEXT, reports.draftTextOf(id));
    }
  }

  @Component("compileDistrictSummary")
  @DelegateInputs({Variables.PERIOD})
  static class CompileSummary implements JavaDelegate {
    private final HalfYearReports reports;

    CompileSummary(HalfYearReports reports) {
      this.reports = reports;
    }

    @Override
    public void execute(DelegateExecution execution) {
      reports.compileSummary((String) execution.getVariable(Variables.PERIOD));
    }
  }

  /** End of the edit task: the text is required; the report is submitted, and the next decision starts empty. */
  @Component("submitReport")
  @DelegateInputs({Variables.REPORT_ID, Variables.REPORT_TEXT})
  static class Submit extends CompletionListener {
    private final HalfYearReports reports;

    Submit(HalfYearReports reports) {
      this.reports = reports;
    }

    @Override
    protected void completed(DelegateExecution execution) {
      reports.submit((Long) execution.getVariable(Variables.REPORT_ID),
          (String) execution.getVariable(Variables.REPORT_TEXT));
      execution.setVariable(Variables.DECISION, null);
    }
  }

  /** End of the secretary's and the commission's tasks: a decision, and comments when returning. */
  @Component("recordReportDecision")
  @DelegateInputs({Variables.REPORT_ID, Variables.DECISION, Variables.REVIEW_COMMENTS})
  static class Decide extends CompletionListener {
    private final HalfYearReports reports;

    Decide(HalfYearReports reports) {
      this.reports = reports;
    }

    @Override
    protected void completed(DelegateExecution execution) {
      long id = (Long) execution.getVariable(Variables.REPORT_ID);
      Object decision = execution.getVariable(Variables.DECISION);
      Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
      String actor = user == null ? null : user.getUserId();
      if ("RETURN".equals(decision)) {
        if (!(execution.getVariable(Variables.REVIEW_COMMENTS) instanceof String comments) || comments.isBlank()) {
          throw new InvalidInputException("退回时请填写修改意见");
        }
        reports.returnToDraft(id);
      } else if ("SIGN".equals(decision)
          && HalfYearReportProcess.Element.SignReport.name().equals(execution.getCurrentActivityId())) {
        reports.sign(id, actor);
      } else if ("ACCEPT".equals(decision)
          && HalfYearReportProcess.Element.ReviewReport.name().equals(execution.getCurrentActivityId())) {
        reports.accept(id, actor);
      } else {
        throw new InvalidInputException("请选择处理意见");
      }
    }
  }
}
