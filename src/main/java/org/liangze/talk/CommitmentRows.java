package org.liangze.talk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.liangze.platform.FormInputs;
import org.springframework.stereotype.Component;

/**
 * The talk form's dynamic list of commitments ↔ rows. The form submits a JSON array, which the engine keeps as a
 * Spin JSON variable; tests and API clients may also pass JSON text or a list of maps. Nothing in a row is trusted
 * yet; no value at all means no commitments.
 */
@Component
class CommitmentRows {

  private final ObjectMapper json;

  CommitmentRows(ObjectMapper json) {
    this.json = json;
  }

  /** One row of the dynamic list: what is committed, and by when ("yyyy-MM-dd"). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Row(String content, String dueDate) {
  }

  List<Row> parse(Object value) {
    return FormInputs.optionalRows(json, value, Row.class, "整改承诺格式不正确，请在表单中逐条填写");
  }

  TypedValue variable(List<Row> rows) {
    return FormInputs.jsonVariable(json, rows);
  }
}
