package org.liangze.selfcheck;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.liangze.platform.FormInputs;
import org.springframework.stereotype.Component;

/**
 * The assessment form's dynamic list ↔ rows. The form submits a JSON array, which the engine keeps as a Spin JSON
 * variable; tests and API clients may also pass JSON text or a list of maps. Nothing in a row is trusted yet.
 */
@Component
class AssessmentRows {

  private final ObjectMapper json;

  AssessmentRows(ObjectMapper json) {
    this.json = json;
  }

  /**
   * One row of the dynamic list: the item (read-only on the form) and the unit's assessment of it. The form picks
   * evidence files and record entries from lists (values: file numbers, entry sequence numbers); a single text of
   * numbers separated by spaces, as API clients and earlier forms send it, is taken too. {@code assessedBy}: the
   * name of who assessed the row, on the assembled rows the inspector and the secretary see (never read back).
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Row(Long itemId, String item, String status, String note,
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> evidence,
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> records, String assessedBy) {

    Row(Long itemId, String item, String status, String note, List<String> evidence, List<String> records) {
      this(itemId, item, status, note, evidence, records, null);
    }

    String evidenceText() {
      return words(evidence);
    }

    String recordsText() {
      return words(records);
    }

    /** "a b c" for the cited numbers, as they are stored; an empty list as nothing. */
    static List<String> list(String words) {
      return words == null || words.isBlank() ? List.of() : List.of(words.strip().split("\\s+"));
    }

    private static String words(List<String> values) {
      return values == null ? null : String.join(" ", values.stream().filter(java.util.Objects::nonNull).toList());
    }
  }

  List<Row> parse(Object value) {
    return FormInputs.rows(json, value, Row.class, "自查结果格式不正确，请在表单中逐项填写");
  }

  /** As {@link #parse}, but no variable at all is no rows (a self-check not assembled yet). */
  List<Row> parseOptional(Object value) {
    return value == null ? List.of() : parse(value);
  }

  TypedValue variable(List<Row> rows) {
    return FormInputs.jsonVariable(json, rows);
  }
}
