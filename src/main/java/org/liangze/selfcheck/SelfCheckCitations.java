package org.liangze.selfcheck;

import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.liangze.platform.TaskFormOptions;
import org.liangze.record.CitationOptions;
import org.liangze.selfcheck.UnitSelfCheckProcess.Element;
import org.liangze.selfcheck.UnitSelfCheckProcess.Variables;
import org.springframework.stereotype.Component;

/**
 * What the assessment form offers for picking as evidence: the files the unit uploaded and the entries its people
 * wrote into its record manual, as they are when the form opens (nothing kept on the process: a campaign writes no
 * lists, and a file uploaded while the task waits is there the next time the form opens). Nobody types a file number.
 */
@Component
class SelfCheckCitations implements TaskFormOptions {

  private final CitationOptions options;

  SelfCheckCitations(CitationOptions options) {
    this.options = options;
  }

  @Override
  public String processDefinitionKey() {
    return UnitSelfCheckProcess.KEY;
  }

  @Override
  public Set<String> taskDefinitionKeys() {
    return Set.of(Element.AssessItems.name());
  }

  @Override
  public Map<String, TypedValue> options(VariableScope task) {
    Object unitCode = task.getVariable(Variables.UNIT_CODE);
    return unitCode == null ? Map.of()
        : options.formVariables((String) unitCode, Variables.EVIDENCE_OPTIONS, Variables.RECORD_OPTIONS);
  }
}
