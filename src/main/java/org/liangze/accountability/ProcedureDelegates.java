package org.liangze.accountability;

import static org.liangze.accountability.AccountabilityDelegates.caseId;
import static org.liangze.accountability.AccountabilityDelegates.currentUser;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.liangze.accountability.AccountabilityProcess.Variables;
import org.liangze.platform.CompletionListener;
import org.liangze.platform.DelegateInputs;
import org.springframework.stereotype.Component;

/** The model's steps of the procedure around the decision: defence, written decision, appeal. */
final class ProcedureDelegates {

  private ProcedureDelegates() {
  }

  /** End of one subject's statement and defence: stored, or its waiver. */
  @Component("recordDefence")
  @DelegateInputs({Variables.CASE_ID, Variables.SUBJECT_ID, Variables.DEFENCE_WAIVED, Variables.STATEMENT,
      Variables.DEFENCE_POINTS})
  static class RecordDefence extends CompletionListener {
    private final CaseProcedure procedure;

    RecordDefence(CaseProcedure procedure) {
      this.procedure = procedure;
    }

    @Override
    protected void completed(DelegateExecution execution) {
      procedure.recordDefence(caseId(execution), ((Number) execution.getVariable(Variables.SUBJECT_ID)).longValue(),
          execution.getVariable(Variables.DEFENCE_WAIVED), (String) execution.getVariable(Variables.STATEMENT),
          execution.getVariable(Variables.DEFENCE_POINTS), currentUser(execution));
      // the next subject's form must not show this answer
      execution.removeVariable(Variables.DEFENCE_WAIVED);
      execution.removeVariable(Variables.STATEMENT);
      execution.removeVariable(Variables.DEFENCE_POINTS);
    }
  }

  /** Creation of a subject's defence task: the subject's name and the charges it answers, on the task. */
  @Component("prepareDefence")
  @DelegateInputs({Variables.SUBJECT_ID})
  static class PrepareDefence implements TaskListener {
    private final CaseProcedure procedure;

    PrepareDefence(CaseProcedure procedure) {
      this.procedure = procedure;
    }

    @Override
    public void notify(DelegateTask task) {
      Object subjectId = task.getVariable(Variables.SUBJECT_ID);
      task.setVariableLocal(Variables.SUBJECT_NAME, procedure.subjectNameOf(subjectId));
      task.setVariableLocal(Variables.CHARGES, procedure.chargesOf(subjectId));
    }
  }

  /** Start of the review: every point of every defence as a row, and the statements. */
  @Component("prepareDefenceReview")
  @DelegateInputs({Variables.CASE_ID})
  static class PrepareDefenceReview implements ExecutionListener {
    private final CaseProcedure procedure;

    PrepareDefenceReview(CaseProcedure procedure) {
      this.procedure = procedure;
    }

    @Override
    public void notify(DelegateExecution execution) {
      long caseId = caseId(execution);
      execution.setVariable(Variables.DEFENCE_REVIEW, procedure.defenceRows(caseId));
      execution.setVariable(Variables.STATEMENTS, procedure.statementsOf(caseId));
    }
  }

  /** End of the review: every point adopted or rejected with a reason. */
  @Component("recordDefenceReview")
  @DelegateInputs({Variables.CASE_ID, Variables.DEFENCE_REVIEW})
  static class RecordDefenceReview extends CompletionListener {
    private final CaseProcedure procedure;

    RecordDefenceReview(CaseProcedure procedure) {
      this.procedure = procedure;
    }

    @Override
    protected void completed(DelegateExecution execution) {
      procedure.reviewDefences(caseId(execution), execution.getVariable(Variables.DEFENCE_REVIEW),
          currentUser(execution));
    }
  }

  /** Writes, numbers and delivers the written decision (问责决定书). */
  @Component("issueCaseDecision")
  @DelegateInputs({Variables.CASE_ID})
  static class IssueDecision implements JavaDelegate {
    private final CaseDecisions decisions;

    IssueDecision(CaseDecisions decisions) {
      this.decisions = decisions;
    }

    @Override
    public void execute(DelegateExecution execution) {
      execution.setVariable(Variables.DECISION_NUMBER,
          decisions.issue(caseId(execution), execution.getProcessInstanceId()).number());
    }
  }

  /** End of the appeal task: an appeal (who, why) or none. */
  @Component("recordCaseAppeal")
  @DelegateInputs({Variables.CASE_ID, Variables.APPEAL, Variables.APPELLANT, Variables.APPEAL_GROUNDS})
  static class RecordAppeal extends CompletionListener {
    private final CaseProcedure procedure;

    RecordAppeal(CaseProcedure procedure) {
      this.procedure = procedure;
    }

    @Override
    protected void completed(DelegateExecution execution) {
      execution.setVariable(Variables.APPEALED, procedure.recordAppeal(caseId(execution),
          execution.getVariable(Variables.APPEAL), (String) execution.getVariable(Variables.APPELLANT),
          (String) execution.getVariable(Variables.APPEAL_GROUNDS), currentUser(execution)));
    }
  }

  /** Start of the appeal review: the appeal and every measure in force as a row. */
  @Component("prepareAppealReview")
  @DelegateInputs({Variables.CASE_ID})
  static class PrepareAppealReview implements ExecutionListener {
    private final CaseProcedure procedure;

    PrepareAppealReview(CaseProcedure procedure) {
      this.procedure = procedure;
    }

    @Override
    public void notify(DelegateExecution execution) {
      long caseId = caseId(execution);
      execution.setVariable(Variables.APPEAL_REVIEW, procedure.appealRows(caseId));
      execution.setVariable(Variables.APPEAL_TEXT, procedure.appealOf(caseId));
    }
  }

  /** End of the appeal review: each measure upheld, changed or revoked with a reason. */
  @Component("recordAppealReview")
  @DelegateInputs({Variables.CASE_ID, Variables.APPEAL_REVIEW})
  static class RecordAppealReview extends CompletionListener {
    private final CaseProcedure procedure;

    RecordAppealReview(CaseProcedure procedure) {
      this.procedure = procedure;
    }

    @Override
    protected void completed(DelegateExecution execution) {
      procedure.reviewAppeal(caseId(execution), execution.getVariable(Variables.APPEAL_REVIEW),
          currentUser(execution));
    }
  }
}
