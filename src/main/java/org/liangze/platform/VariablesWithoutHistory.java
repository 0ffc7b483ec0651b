package org.liangze.platform;

/**
 * Implemented by a feature whose processes hold variables that are runtime state only: set by the platform, read by
 * forms or queries while the instance runs, never from history. The engine writes no history for them
 * ({@link HistoryWithoutRuntimeState}) — neither when they are created, nor updated, nor deleted — so that no
 * history row is ever half-written. Variables people fill in keep their history.
 */
public interface VariablesWithoutHistory {

  /**
   * Whether the variable of this name writes no history in instances of the process ({@code processDefinitionKey}
   * may be null for a variable outside any process, such as a standalone task's).
   */
  boolean withoutHistory(String processDefinitionKey, String variableName);

  /**
   * Whether a variable of this name writes no history <em>when the platform creates it on an activity</em> (on an
   * execution below the process instance, such as one share of a multi-instance task): what the platform offers a
   * form, derived from elsewhere. Once a person submits the form, the variable's update and the variable itself are
   * written to history as usual (Camunda's history handler inserts the historic variable on its first update when it
   * has none), so what people filled in keeps its history, while what was only offered leaves none.
   */
  default boolean offeredWithoutHistory(String processDefinitionKey, String variableName) {
    return false;
  }

  /**
   * Whether the creation of a variable of this name writes its historic variable only, without the detail row that
   * Camunda adds for it at history level full: for what the platform sets once from elsewhere as an instance starts
   * (its unit, its quarter, a multi-instance's element) the historic variable already holds the value, its instance
   * and its time, and nothing reads the repeated row. Updates of the variable, such as what a person sets on a task,
   * keep their details.
   */
  default boolean createdWithoutDetail(String processDefinitionKey, String variableName) {
    return false;
  }
}
