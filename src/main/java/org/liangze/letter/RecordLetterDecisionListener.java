package org.liangze.letter;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.liangze.letter.LetterSigningProcess.Variables;
import org.liangze.platform.CompletionListener;
import org.liangze.platform.DelegateInputs;
import org.liangze.platform.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * End of the signing task: checks the secretary's input and records the signature or the objection in the same
 * transaction as the task's completion, so a refused input leaves both the task and the letter as they were.
 *
 * <p>An execution listener rather than a task listener because the engine wraps task-listener exceptions into a
 * generic error (HTTP 500 from the engine REST API); this one's {@link InvalidInputException} reaches the caller
 * as the 400 it is.
 */
@DelegateInputs({Variables.LETTER_ID, Variables.DECISION, Variables.SIGNATURE, Variables.OBJECTION_REASON})
@Component("recordLetterDecision")
class RecordLetterDecisionListener extends CompletionListener {

  private final LetterService letters;

  RecordLetterDecisionListener(LetterService letters) {
    this.letters = letters;
  }

  @Override
  protected void completed(DelegateExecution execution) {
    long letterId = (Long) execution.getVariable(Variables.LETTER_ID);
    switch (decision(execution.getVariable(Variables.DECISION))) {
      case SIGN -> letters.sign(letterId, currentUser(execution), (String) execution.getVariable(Variables.SIGNATURE),
          execution.getProcessInstanceId());
      case OBJECT -> letters.object(letterId, (String) execution.getVariable(Variables.OBJECTION_REASON));
    }
  }

  private static LetterDecision decision(Object value) {
    if (value instanceof String text) {
      for (LetterDecision decision : LetterDecision.values()) {
        if (decision.name().equals(text)) {
          return decision;
        }
      }
    }
    throw new InvalidInputException("请选择“签订”或“提出异议”");
  }

  private static String currentUser(DelegateExecution execution) {
    Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return user == null ? null : user.getUserId();
  }
}
