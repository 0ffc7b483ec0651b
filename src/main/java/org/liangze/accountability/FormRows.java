package org.liangze.accountability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.liangze.platform.InvalidInputException;
import org.springframework.stereotype.Component;

/** The accountability forms' input: dynamic-list rows (Spin JSON, a JSON string or a list) and text fields. */
@Component
class FormRows {

  private final ObjectMapper json;

  FormRows(ObjectMapper json) {
    this.json = json;
  }

  <T> List<T> rows(Object value, Class<T> type, String message) {
    try {
      if (value instanceof SpinJsonNode node) {
        return readList(node.toString(), type);
      }
      if (value instanceof String text && !text.isBlank()) {
        return readList(text, type);
      }
      if (value instanceof Collection<?> collection) {
        return collection.stream().map(row -> json.convertValue(row, type)).toList();
      }
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new InvalidInputException(message);
    }
    throw new InvalidInputException(message);
  }

  private <T> List<T> readList(String text, Class<T> type) throws JsonProcessingException {
    return json.readValue(text, json.getTypeFactory().constructCollectionType(List.class, type));
  }

  TypedValue jsonVariable(Object rows) {
    try {
      return SpinValues.jsonValue(json.writeValueAsString(rows)).create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Rows could not be written as JSON", e);
    }
  }

  static String oneOf(String value, Set<String> allowed, String message) {
    if (value == null || !allowed.contains(value.strip())) {
      throw new InvalidInputException(message);
    }
    return value.strip();
  }

  static String text(String value, int max, String tooLong) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.strip().length() > max) {
      throw new InvalidInputException(tooLong);
    }
    return value.strip();
  }

  static String required(String value, String message) {
    if (value == null) {
      throw new InvalidInputException(message);
    }
    return value;
  }
}
