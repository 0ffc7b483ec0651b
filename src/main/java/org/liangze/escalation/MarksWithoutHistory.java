package org.liangze.escalation;

import java.util.Set;
import org.liangze.platform.VariablesWithoutHistory;
import org.springframework.stereotype.Component;

/**
 * The marks the patrol sets by itself write no history: a process instance's {@code overdue} and
 * {@code warningLevel} (what Cockpit searches by) and a task's {@code taskOverdue} (what its form reads). They are
 * runtime state, nothing reads their history (the dashboard leaves them out of the fields people filled), and at
 * district size they were a third of the rows the patrol's first run wrote. A person's {@code lateReason} keeps its
 * history.
 */
@Component
class MarksWithoutHistory implements VariablesWithoutHistory {

  static final Set<String> MARKS = Set.of(EscalationVariables.OVERDUE, EscalationVariables.WARNING_LEVEL,
      EscalationVariables.TASK_OVERDUE);

  @Override
  public boolean withoutHistory(String processDefinitionKey, String variableName) {
    return MARKS.contains(variableName);
  }
}
