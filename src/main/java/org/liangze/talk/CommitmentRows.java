package org.liangze.talk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.liangze.platform.InvalidInputException;
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
    try {
      if (value == null) {
        return List.of();
      }
      if (value instanceof SpinJsonNode node) {
        return List.of(json.readValue(node.toString(), Row[].class));
      }
      if (value instanceof String text) {
        return text.isBlank() ? List.of() : List.of(json.readValue(text, Row[].class));
      }
      if (value instanceof Collection<?> collection) {
        return collection.stream().map(row -> json.convertValue(row, Row.class)).toList();
      }
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new InvalidInputException("整改承诺格式不正确，请在表单中逐条填写");
    }
    throw new InvalidInputException("整改承诺格式不正确，请在表单中逐条填写");
  }

  TypedValue variable(List<Row> rows) {
    try {
      return SpinValues.jsonValue(json.writeValueAsString(rows)).create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Commitments could not be written as JSON", e);
    }
  }
}
