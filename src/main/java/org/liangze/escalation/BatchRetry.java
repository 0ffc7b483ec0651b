package org.liangze.escalation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.liangze.escalation.UnitEscalationProcess.Variables;
import org.liangze.platform.JobRetries;

/**
 * A unit escalation of several units (a batch of small units, {@link Escalations#batchesToPatrol}) whose job failed
 * before is not tried again as a batch: its retry hands each unit on to a unit escalation of its own
 * ({@link Escalations#escalateEachAlone}) and leaves the batch with no units, so that a conflict in one unit stays
 * that unit's incident and every other unit's escalation commits.
 */
final class BatchRetry {

  private BatchRetry() {
  }

  /** Whether the batch's units were handed on (the delegate then has nothing more to do). */
  static boolean handedOn(DelegateExecution execution, Escalations escalations) {
    String unitCodes = (String) execution.getVariable(Variables.UNIT_CODE);
    if (!Escalations.isBatch(unitCodes) || !JobRetries.currentJobFailedBefore()) {
      return false;
    }
    escalations.escalateEachAlone((String) execution.getVariable(Variables.PATROL_RUN), unitCodes);
    // the rest of this instance (its next pages, its requests) has no units left: the units' own instances do it
    execution.getProcessInstance().setVariable(Variables.UNIT_CODE, "");
    return true;
  }
}
