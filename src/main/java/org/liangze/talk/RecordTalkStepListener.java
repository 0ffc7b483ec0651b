package org.liangze.talk;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.liangze.escalation.EscalationVariables;
import org.liangze.platform.CompletionListener;
import org.liangze.talk.TalkProcess.Element;
import org.liangze.talk.TalkProcess.Variables;
import org.springframework.stereotype.Component;

/**
 * End of each of the talk's user tasks: checks what the person entered and stores it in the same transaction as
 * the task's completion, so refused input leaves both as they were. An execution listener rather than a task
 * listener, so its {@code InvalidInputException} reaches the caller as the 400 it is.
 */
@Component("recordTalkStep")
class RecordTalkStepListener extends CompletionListener {

  private final Talks talks;
  private final CommitmentRows rows;

  RecordTalkStepListener(Talks talks, CommitmentRows rows) {
    this.talks = talks;
    this.rows = rows;
  }

  @Override
  protected void completed(DelegateExecution execution) {
    String by = RegisterTalkListener.currentUser(execution);
    switch (Element.valueOf(execution.getCurrentActivityId())) {
      case ArrangeTalk -> {
        Talks.Scheduled scheduled = talks.schedule(talkId(execution), execution.getVariable(Variables.TALK_TIME),
            execution.getVariable(Variables.PLACE), execution.getVariable(Variables.PARTICIPANTS),
            execution.getVariable(Variables.SUBJECT_USER_ID), by);
        execution.setVariable(Variables.TALK_AT, scheduled.talkAt());
        execution.setVariable(Variables.TALK_TIME_LABEL, scheduled.label());
      }
      case HoldTalk -> {
        List<CommitmentRows.Row> stored = talks.hold(talkId(execution), execution.getVariable(Variables.MINUTES),
            rows.parse(execution.getVariable(Variables.COMMITMENTS)), by, execution.getProcessInstanceId(),
            lateReason(execution));
        execution.setVariable(Variables.COMMITMENTS, rows.variable(stored));
      }
      case FulfilCommitment -> execution.setVariable(Variables.REPORT,
          talks.report(commitmentId(execution), execution.getVariable(Variables.REPORT), by));
      case VerifyCommitment -> talks.verify(commitmentId(execution), execution.getVariable(Variables.DECISION),
          execution.getVariable(Variables.VERIFICATION_COMMENT), by);
      default -> throw new IllegalStateException("No talk step at " + execution.getCurrentActivityId());
    }
  }

  /** Why the talk was recorded late, if its task ran overdue; the talk's manual entry keeps it too. */
  private static String lateReason(DelegateExecution execution) {
    Object reason = execution.getVariable(EscalationVariables.LATE_REASON);
    return reason instanceof String text && !text.isBlank() ? text.strip() : null;
  }

  private static long talkId(DelegateExecution execution) {
    return ((Number) execution.getVariable(Variables.TALK_ID)).longValue();
  }

  private static long commitmentId(DelegateExecution execution) {
    return ((Number) execution.getVariable(Variables.COMMITMENT_ID)).longValue();
  }
}
