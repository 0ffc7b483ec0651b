package org.liangze.selfcheck;

import java.util.Set;
import org.liangze.platform.VariablesWithoutHistory;
import org.liangze.selfcheck.UnitSelfCheckProcess.Variables;
import org.springframework.stereotype.Component;

/**
 * A unit self-check's evidence and record options (what the assessment form offers for picking) write no history:
 * the platform sets them at the start and again on every upload of the unit, the form reads them while the
 * self-check runs, and what was picked is stored with the assessment. Two JSON variables less in the history of
 * every unit's start (a campaign starts a thousand) and of every upload.
 */
@Component
class SelfCheckOptionsWithoutHistory implements VariablesWithoutHistory {

  private static final Set<String> OPTIONS = Set.of(Variables.EVIDENCE_OPTIONS, Variables.RECORD_OPTIONS);

  @Override
  public boolean withoutHistory(String processDefinitionKey, String variableName) {
    return UnitSelfCheckProcess.KEY.equals(processDefinitionKey) && OPTIONS.contains(variableName);
  }
}
