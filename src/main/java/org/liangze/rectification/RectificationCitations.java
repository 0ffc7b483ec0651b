package org.liangze.rectification;

import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.liangze.platform.TaskFormOptions;
import org.liangze.record.CitationOptions;
import org.liangze.rectification.RectificationProcess.Element;
import org.liangze.rectification.RectificationProcess.Variables;
import org.springframework.stereotype.Component;

/**
 * What the carry-out form offers as evidence, and what the verification form names the picks by: the unit's uploaded
 * files and record-manual entries, as they are when the form opens (nothing kept on the process). Nobody types a file
 * number.
 */
@Component
class RectificationCitations implements TaskFormOptions {

  private final CitationOptions options;

  RectificationCitations(CitationOptions options) {
    this.options = options;
  }

  @Override
  public String processDefinitionKey() {
    return RectificationProcess.KEY;
  }

  @Override
  public Set<String> taskDefinitionKeys() {
    return Set.of(Element.CarryOut.name(), Element.VerifyRectification.name());
  }

  @Override
  public Map<String, TypedValue> options(VariableScope task) {
    Object unitCode = task.getVariable(Variables.UNIT_CODE);
    return unitCode == null ? Map.of()
        : options.formVariables((String) unitCode, Variables.EVIDENCE_OPTIONS, Variables.RECORD_OPTIONS);
  }
}
