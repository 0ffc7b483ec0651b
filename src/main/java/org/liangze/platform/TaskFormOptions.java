package org.liangze.platform;

import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * What a process's task forms offer to pick from that changes while the task waits (e.g. the unit's evidence files
 * and record entries), computed each time the form asks for its variables instead of kept on the process: always
 * current, and nothing to write when a task is created or when the unit uploads a file. A feature declares one bean
 * per process; {@link FormOptionsPlugin} adds its entries to the task's form variables
 * ({@code formService.getTaskFormVariables}, REST {@code task/{id}/form-variables}, which Tasklist reads for a
 * Camunda Form), where a component's {@code valuesKey} finds them.
 */
public interface TaskFormOptions {

  /** The process whose task forms this serves. */
  String processDefinitionKey();

  /** The tasks (element ids) whose forms read the options. */
  Set<String> taskDefinitionKeys();

  /**
   * Variable name to value (a JSON array of {@code {label, value}}) for the waiting task, whose variables it may
   * read; empty if it has none to offer.
   */
  Map<String, TypedValue> options(VariableScope task);
}
