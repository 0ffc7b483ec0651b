package org.liangze.accountability;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.liangze.accountability.AccountabilityProcess.Variables;
import org.liangze.platform.CompletionListener;
import org.liangze.platform.DelegateInputs;
import org.springframework.stereotype.Component;

/** The accountability model's Java steps: each a few lines calling {@link AccountabilityCases}. */
final class AccountabilityDelegates {

  private AccountabilityDelegates() {
  }

  static String currentUser(DelegateExecution execution) {
    Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return user == null ? null : user.getUserId();
  }

  static long caseId(DelegateExecution execution) {
    return ((Number) execution.getVariable(Variables.CASE_ID)).longValue();
  }

  /** The start event: claims the unit and cause (a second case is refused) and names the case. */
  @Component("registerAccountabilityCase")
  @DelegateInputs({Variables.UNIT_CODE, Variables.CAUSE, Variables.SOURCE, Variables.REQUEST_ID})
  static class Register implements ExecutionListener {
    private final AccountabilityCases cases;

    Register(AccountabilityCases cases) {
      this.cases = cases;
    }

    @Override
    public void notify(DelegateExecution execution) {
      AccountabilityCases.Registered registered = cases.register(execution.getVariable(Variables.UNIT_CODE),
          execution.getVariable(Variables.CAUSE), execution.getVariable(Variables.SOURCE),
          execution.getVariable(Variables.REQUEST_ID), execution.getProcessInstanceId(), currentUser(execution));
      long caseId = registered.caseId();
      String unitCode = ((String) execution.getVariable(Variables.UNIT_CODE)).strip();
      execution.setVariable(Variables.UNIT_CODE, unitCode);
      execution.setVariable(Variables.CAUSE, ((String) execution.getVariable(Variables.CAUSE)).strip());
      execution.setVariable(Variables.CASE_ID, caseId);
      // the unit the registration read, not a second look-up
      execution.setVariable(Variables.UNIT_NAME, registered.unit().name());
      if (execution.getProcessBusinessKey() == null) {
        execution.setProcessBusinessKey(AccountabilityProcess.businessKey(unitCode, caseId));
      }
    }
  }

  /** Pulls the unit's record entries, escalation steps and self-checks into the case's dossier. */
  @Component("collectCaseEvidence")
  @DelegateInputs({Variables.CASE_ID})
  static class CollectEvidence implements JavaDelegate {
    private final AccountabilityCases cases;

    CollectEvidence(AccountabilityCases cases) {
      this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
      long caseId = caseId(execution);
      execution.setVariable(Variables.DOSSIER,
          AccountabilityCases.dossierVariable(cases.collectEvidence(caseId), caseId));
    }
  }

  /** End of the preliminary verification: open or close, closing with a note. */
  @Component("recordCaseVerification")
  @DelegateInputs({Variables.CASE_ID, Variables.DECISION, Variables.VERIFICATION_NOTE})
  static class Verify extends CompletionListener {
    private final AccountabilityCases cases;

    Verify(AccountabilityCases cases) {
      this.cases = cases;
    }

    @Override
    protected void completed(DelegateExecution execution) {
      cases.verify(caseId(execution), execution.getVariable(Variables.DECISION),
          (String) execution.getVariable(Variables.VERIFICATION_NOTE));
    }
  }

  /** Start of an investigation: the unit's leading people, to choose a leader subject's platform user from. */
  @Component("prepareInvestigation")
  @DelegateInputs({Variables.UNIT_CODE})
  static class PrepareInvestigation implements ExecutionListener {
    private final Investigations investigations;

    PrepareInvestigation(Investigations investigations) {
      this.investigations = investigations;
    }

    @Override
    public void notify(DelegateExecution execution) {
      execution.setVariable(Variables.UNIT_PEOPLE,
          investigations.peopleOf((String) execution.getVariable(Variables.UNIT_CODE)));
    }
  }

  /** End of the main-responsibility investigation: its facts, findings and subjects, checked and stored. */
  @Component("recordMainSubjects")
  @DelegateInputs({Variables.CASE_ID, Variables.MAIN_FACTS, Variables.MAIN_FINDINGS, Variables.MAIN_EVIDENCE,
      Variables.MAIN_SUBJECTS})
  static class MainSubjects extends CompletionListener {
    private final Investigations cases;

    MainSubjects(Investigations cases) {
      this.cases = cases;
    }

    @Override
    protected void completed(DelegateExecution execution) {
      cases.recordInvestigation(caseId(execution), "MAIN", (String) execution.getVariable(Variables.MAIN_FACTS),
          (String) execution.getVariable(Variables.MAIN_FINDINGS),
          (String) execution.getVariable(Variables.MAIN_EVIDENCE), execution.getVariable(Variables.MAIN_SUBJECTS),
          currentUser(execution));
    }
  }

  /** End of the supervisory-responsibility investigation: its facts, findings and subjects, checked and stored. */
  @Component("recordSupervisorySubjects")
  @DelegateInputs({Variables.CASE_ID, Variables.SUPERVISORY_FACTS, Variables.SUPERVISORY_FINDINGS,
      Variables.SUPERVISORY_EVIDENCE, Variables.SUPERVISORY_SUBJECTS})
  static class SupervisorySubjects extends CompletionListener {
    private final Investigations cases;

    SupervisorySubjects(Investigations cases) {
      this.cases = cases;
    }

    @Override
    protected void completed(DelegateExecution execution) {
      cases.recordInvestigation(caseId(execution), "SUPERVISORY",
          (String) execution.getVariable(Variables.SUPERVISORY_FACTS),
          (String) execution.getVariable(Variables.SUPERVISORY_FINDINGS),
          (String) execution.getVariable(Variables.SUPERVISORY_EVIDENCE),
          execution.getVariable(Variables.SUPERVISORY_SUBJECTS), currentUser(execution));
    }
  }

  /** End of one evaluation of the measures decision (business rule task, one per subject): its rows stored. */
  @Component("recordProposedMeasures")
  @DelegateInputs({Variables.CASE_ID, Variables.SUBJECT_ID, Variables.PROPOSALS})
  static class RecordProposals implements ExecutionListener {
    private final CaseMeasures measures;

    RecordProposals(CaseMeasures measures) {
      this.measures = measures;
    }

    @Override
    public void notify(DelegateExecution execution) {
      measures.recordProposals(caseId(execution),
          ((Number) execution.getVariable(Variables.SUBJECT_ID)).longValue(),
          execution.getVariable(Variables.PROPOSALS));
      execution.removeVariable(Variables.PROPOSALS);
    }
  }

  /** Start of the committee's approval: the stored proposals as the form's rows. */
  @Component("prepareMeasureApproval")
  @DelegateInputs({Variables.CASE_ID})
  static class PrepareApproval implements ExecutionListener {
    private final CaseMeasures measures;

    PrepareApproval(CaseMeasures measures) {
      this.measures = measures;
    }

    @Override
    public void notify(DelegateExecution execution) {
      execution.setVariable(Variables.MEASURES, measures.approvalRows(caseId(execution)));
    }
  }

  /**
   * End of the committee's approval: every measure approved or overridden with a reason, a rectification
   * requirement with a deadline after today; when the case is to be published, the draft notification.
   */
  @Component("recordMeasureApproval")
  @DelegateInputs({Variables.CASE_ID, Variables.MEASURES, Variables.PUBLISH, Variables.RECTIFICATION_REQUIREMENT,
      Variables.RECTIFICATION_DEADLINE})
  static class ApproveMeasures extends CompletionListener {
    private final AccountabilityCases cases;
    private final CaseMeasures measures;
    private final PublicNotices notices;

    ApproveMeasures(AccountabilityCases cases, CaseMeasures measures, PublicNotices notices) {
      this.cases = cases;
      this.measures = measures;
      this.notices = notices;
    }

    @Override
    protected void completed(DelegateExecution execution) {
      long caseId = caseId(execution);
      String deadline = cases.rectificationDeadline(
          (String) execution.getVariable(Variables.RECTIFICATION_REQUIREMENT),
          execution.getVariable(Variables.RECTIFICATION_DEADLINE));
      measures.approve(caseId, execution.getVariable(Variables.MEASURES), currentUser(execution));
      execution.setVariable(Variables.RECTIFICATION_REQUIREMENT,
          ((String) execution.getVariable(Variables.RECTIFICATION_REQUIREMENT)).strip());
      execution.setVariable(Variables.RECTIFICATION_DEADLINE, deadline);
      boolean publish = Boolean.TRUE.equals(execution.getVariable(Variables.PUBLISH));
      execution.setVariable(Variables.PUBLISH, publish);
      if (publish) {
        PublicNotices.Draft draft = notices.draft(caseId);
        execution.setVariable(Variables.NOTIFICATION_TITLE, draft.title());
        execution.setVariable(Variables.NOTIFICATION_TEXT, draft.text());
      }
    }
  }

  /** End of one evaluation of the period decision (one per decided measure): the measure's period stored. */
  @Component("recordConsequencePeriod")
  @DelegateInputs({Variables.MEASURE_ID, Variables.CONSEQUENCE_PERIOD})
  static class RecordConsequencePeriod implements ExecutionListener {
    private final CaseMeasures measures;

    RecordConsequencePeriod(CaseMeasures measures) {
      this.measures = measures;
    }

    @Override
    public void notify(DelegateExecution execution) {
      Object period = execution.getVariable(Variables.CONSEQUENCE_PERIOD);
      measures.recordConsequencePeriod(((Number) execution.getVariable(Variables.MEASURE_ID)).longValue(),
          period instanceof java.util.Map<?, ?> result ? result.get("consequenceMonths") : null);
      execution.removeVariable(Variables.CONSEQUENCE_PERIOD);
    }
  }

  /** Tells the unit's secretary and inspector what was decided. */
  @Component("notifyCaseSubjects")
  @DelegateInputs({Variables.CASE_ID})
  static class NotifySubjects implements JavaDelegate {
    private final AccountabilityCases cases;

    NotifySubjects(AccountabilityCases cases) {
      this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
      cases.notifySubjects(caseId(execution));
    }
  }

  /** End of drafting: the draft must not name a leader; the decision of the next task starts empty. */
  @Component("saveNotificationDraft")
  @DelegateInputs({Variables.CASE_ID, Variables.NOTIFICATION_TITLE, Variables.NOTIFICATION_TEXT})
  static class SaveDraft extends CompletionListener {
    private final PublicNotices cases;

    SaveDraft(PublicNotices cases) {
      this.cases = cases;
    }

    @Override
    protected void completed(DelegateExecution execution) {
      cases.saveDraft(caseId(execution), (String) execution.getVariable(Variables.NOTIFICATION_TITLE),
          (String) execution.getVariable(Variables.NOTIFICATION_TEXT), currentUser(execution));
    }
  }

  /** End of the committee's decision on the draft: approve (real names only if ticked) or reject with a reason. */
  @Component("recordNotificationDecision")
  @DelegateInputs({Variables.CASE_ID, Variables.NOTIFICATION_DECISION, Variables.REAL_NAMES,
      Variables.NOTIFICATION_COMMENT})
  static class DecideNotification extends CompletionListener {
    private final PublicNotices cases;

    DecideNotification(PublicNotices cases) {
      this.cases = cases;
    }

    @Override
    protected void completed(DelegateExecution execution) {
      cases.decide(caseId(execution), execution.getVariable(Variables.NOTIFICATION_DECISION),
          execution.getVariable(Variables.REAL_NAMES), (String) execution.getVariable(Variables.NOTIFICATION_COMMENT),
          currentUser(execution));
    }
  }

  /** Publishes the approved notification on the notifications page. */
  @Component("publishCaseNotification")
  @DelegateInputs({Variables.CASE_ID})
  static class Publish implements JavaDelegate {
    private final PublicNotices cases;

    Publish(PublicNotices cases) {
      this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
      cases.publish(caseId(execution));
    }
  }

  /** End of the rectification call: the case is rectified. */
  @Component("recordCaseRectified")
  @DelegateInputs({Variables.CASE_ID})
  static class Rectified extends CompletionListener {
    private final AccountabilityCases cases;

    Rectified(AccountabilityCases cases) {
      this.cases = cases;
    }

    @Override
    protected void completed(DelegateExecution execution) {
      cases.rectified(caseId(execution));
    }
  }

  /** A measure's period of consequences has ended: the commission is told. */
  @Component("remindConsequenceEnd")
  @DelegateInputs({Variables.CASE_ID, Variables.MEASURE_ID})
  static class RemindConsequenceEnd implements JavaDelegate {
    private final CaseMeasures cases;

    RemindConsequenceEnd(CaseMeasures cases) {
      this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
      cases.remindConsequenceEnd(caseId(execution), ((Number) execution.getVariable(Variables.MEASURE_ID)).longValue());
    }
  }
}
