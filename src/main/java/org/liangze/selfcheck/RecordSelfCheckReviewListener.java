package org.liangze.selfcheck;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.liangze.organisation.ReviewRouting;
import org.liangze.platform.CompletionListener;
import org.liangze.selfcheck.UnitSelfCheckProcess.Variables;
import org.springframework.stereotype.Component;

/**
 * End of the review (the commission's, or level by level the parent unit's): checks the decision (a return needs a comment, a rectification a requirement and
 * a deadline after today) and records it.
 */
@Component("recordSelfCheckReview")
class RecordSelfCheckReviewListener extends CompletionListener {

  private final SelfCheckService selfChecks;

  RecordSelfCheckReviewListener(SelfCheckService selfChecks) {
    this.selfChecks = selfChecks;
  }

  @Override
  protected void completed(DelegateExecution execution) {
    String comment = (String) execution.getVariable(Variables.REVIEW_COMMENT);
    SelfCheckService.Reviewed reviewed = selfChecks.review((String) execution.getVariable(Variables.UNIT_CODE),
        (String) execution.getVariable(Variables.QUARTER), execution.getVariable(Variables.DECISION), comment,
        (String) execution.getVariable(Variables.RECTIFICATION_REQUIREMENT),
        execution.getVariable(Variables.RECTIFICATION_DEADLINE), SubmitSelfCheckListener.currentUser(execution));
    switch (reviewed.decision()) {
      // level by level: a village's or section's reviewer is its parent unit (review-routing.dmn)
      case RETURN -> execution.setVariable(Variables.RETURN_COMMENT,
          ("PARENT".equals(execution.getVariable(ReviewRouting.Variables.REVIEWING_LEVEL)) ? "上级退回：" : "纪委退回：")
              + comment.strip());
      case RECTIFY -> {
        execution.setVariable(Variables.RECTIFICATION_REQUIREMENT,
            ((String) execution.getVariable(Variables.RECTIFICATION_REQUIREMENT)).strip());
        execution.setVariable(Variables.RECTIFICATION_DEADLINE, reviewed.rectificationDeadline());
      }
      case ACCEPT -> {
      }
    }
  }
}
