package org.liangze.rectification;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.liangze.platform.FormInputs;
import org.springframework.stereotype.Component;

/**
 * The plan form's dynamic list of ledger rows ↔ rows. The form submits a JSON array, kept by the engine as a Spin
 * JSON variable; tests and API clients may also pass JSON text or a list of maps. Nothing in a row is trusted yet.
 */
@Component
class PlanRows {

  private final ObjectMapper json;

  PlanRows(ObjectMapper json) {
    this.json = json;
  }

  /** One row as the form has it: the problem, the measure, the owner's login, the deadline ("yyyy-MM-dd"). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Row(String problem, String measure, String ownerId, String deadline) {
  }

  /** One option of a select: what the person reads, and the value the form submits. */
  record Option(String label, String value) {
  }

  List<Row> parse(Object value) {
    return FormInputs.optionalRows(json, value, Row.class, "整改方案格式不正确，请在表单中逐项填写");
  }


  TypedValue variable(List<?> rows) {
    return FormInputs.jsonVariable(json, rows);
  }

}
