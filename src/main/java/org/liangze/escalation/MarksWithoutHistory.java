package org.liangze.escalation;

import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;

/**
 * The engine's history, written as Camunda writes it, except for the marks the patrol sets by itself: a process
 * instance's {@code overdue} and {@code warningLevel} (what Cockpit searches by) and a task's {@code taskOverdue}
 * (what its form reads). They are runtime state, nothing reads their history (the dashboard leaves them out of the
 * fields people filled), and at district size they were a third of the rows the patrol's first run wrote. Every event
 * of such a variable — created, updated, deleted — is left out alike, so no history row is ever half-written; a
 * person's {@code lateReason} keeps its history.
 */
class MarksWithoutHistory extends DbHistoryEventHandler {

  static final Set<String> MARKS = Set.of(EscalationVariables.OVERDUE, EscalationVariables.WARNING_LEVEL,
      EscalationVariables.TASK_OVERDUE);

  @Override
  public void handleEvent(HistoryEvent event) {
    if (event instanceof HistoricVariableUpdateEventEntity variable && MARKS.contains(variable.getVariableName())) {
      return;
    }
    super.handleEvent(event);
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    events.forEach(this::handleEvent);
  }
}
