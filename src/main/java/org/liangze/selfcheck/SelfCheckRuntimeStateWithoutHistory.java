package org.liangze.selfcheck;

import java.util.Set;
import org.liangze.platform.VariablesWithoutHistory;
import org.liangze.selfcheck.UnitSelfCheckProcess.Variables;
import org.springframework.stereotype.Component;

/**
 * What the platform puts on a unit's self-check for its own use writes no history (a campaign starts every unit of
 * the district, so each variable here is a history row and a detail row less per unit):
 * <ul>
 *   <li>the unit's name and the quarter's label, text for task names and forms, derived from the unit and the
 *       quarter (both keep their history);</li>
 *   <li>whether the unit has a 纪检委员, which the gateway reads at runtime; the path taken is in the activity
 *       history and the record manual;</li>
 *   <li>each share's label ("…作为责任人负责的事项（共3项）"), text for its form, derived from the share;</li>
 *   <li>in the campaign, each batch's units ({@link QuarterlySelfCheckProcess.Variables#UNIT_BATCH}, the outer
 *       multi-instance's element variable): up to some hundreds of characters, derived from the campaign's units and
 *       read only to start the batch; each unit keeps its {@code unitCode} with history.</li>
 * </ul>
 * Nothing reads these from history: not the dashboard (its burden counts what people set on their tasks), not the
 * record manual, not the platform's pages.
 */
@Component
class SelfCheckRuntimeStateWithoutHistory implements VariablesWithoutHistory {

  private static final Set<String> SET_ONCE = Set.of(Variables.UNIT_CODE, Variables.QUARTER, Variables.ASSESSOR,
      Variables.DECISION);

  private static final Set<String> RUNTIME_STATE = Set.of(Variables.UNIT_NAME, Variables.QUARTER_LABEL,
      Variables.INSPECTOR_CHECK, Variables.SHARE_LABEL);

  /**
   * A share's rows as its assessment opens ({@link Variables#ITEMS} local to an instance of the assessment): the
   * unit's list items, with what was assessed before when the self-check was returned, all of which is kept
   * elsewhere (the list; the earlier submission's history and {@code self_check_results}). What the assessor
   * submits is written to history as usual.
   */
  @Override
  public boolean offeredWithoutHistory(String processDefinitionKey, String variableName) {
    return UnitSelfCheckProcess.KEY.equals(processDefinitionKey) && Variables.ITEMS.equals(variableName);
  }

  /**
   * What a unit's self-check is started with and never changes — its unit and quarter, in the campaign each batch's
   * element {@code unitCode}, each share's {@code assessor} — and the empty {@code decision} its start sets: their
   * historic variables are their history (a campaign wrote five detail rows per unit repeating them). A decision
   * people take on a task is an update and keeps its detail, which the dashboard's burden counts.
   */
  @Override
  public boolean createdWithoutDetail(String processDefinitionKey, String variableName) {
    return UnitSelfCheckProcess.KEY.equals(processDefinitionKey) && SET_ONCE.contains(variableName)
        || QuarterlySelfCheckProcess.KEY.equals(processDefinitionKey)
        && QuarterlySelfCheckProcess.Variables.UNIT_CODE.equals(variableName);
  }

  @Override
  public boolean withoutHistory(String processDefinitionKey, String variableName) {
    return UnitSelfCheckProcess.KEY.equals(processDefinitionKey) && RUNTIME_STATE.contains(variableName)
        || QuarterlySelfCheckProcess.KEY.equals(processDefinitionKey)
        && QuarterlySelfCheckProcess.Variables.UNIT_BATCH.equals(variableName);
  }
}
