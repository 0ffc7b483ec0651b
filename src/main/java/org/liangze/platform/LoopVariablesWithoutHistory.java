package org.liangze.platform;

import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Camunda's multi-instance bookkeeping — {@code nrOfInstances}, {@code nrOfActiveInstances},
 * {@code nrOfCompletedInstances} on the multi-instance body, {@code loopCounter} on each instance — writes no
 * history in any process. The engine keeps them at runtime to count the instances; no model, form, page, report or
 * query of the platform reads them, nor their history. A campaign writes the three counters and a
 * {@code loopCounter} per batch on its batches' multi-instance, the three counters of each batch's units and a
 * {@code loopCounter} per unit in the batch's job, and the three counters plus a {@code loopCounter} per share in
 * every unit's self-check, each with a historic variable and a detail row; the counters write a detail row more
 * whenever an instance completes. The element variables ({@code unitCode}, {@code assessor} ...) keep their history
 * (a batch's {@code unitBatch} is the campaign's runtime state: {@code SelfCheckRuntimeStateWithoutHistory}).
 */
@Component
class LoopVariablesWithoutHistory implements VariablesWithoutHistory {

  private static final Set<String> LOOP_VARIABLES = Set.of("nrOfInstances", "nrOfActiveInstances",
      "nrOfCompletedInstances", "loopCounter");

  @Override
  public boolean withoutHistory(String processDefinitionKey, String variableName) {
    return LOOP_VARIABLES.contains(variableName);
  }
}
