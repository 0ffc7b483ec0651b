package org.liangze.lists;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.liangze.platform.FormInputs;
import org.liangze.platform.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * The drafting form's dynamic list ↔ list items. The form submits a JSON array, which the engine keeps as a Spin
 * JSON variable; tests and API clients may also pass JSON text or a list of maps. Whatever arrives is checked item
 * by item with a message that names the item, because a unit with ten items must know which one to fix.
 */
@Component
public class DraftItems {

  /** A sanity limit on what is stored; the quality check's far lower maximum only flags. */
  static final int MAX_ITEMS = 100;
  static final int MAX_CATEGORY = 50;
  static final int MAX_CONTENT = 1000;
  static final int MAX_MEASURES = 2000;
  static final int MAX_SHORT = 500;
  static final int MAX_FREQUENCY = 50;

  private final ObjectMapper json;

  DraftItems(ObjectMapper json) {
    this.json = json;
  }

  /** One row of the dynamic list as submitted: every field text, nothing trusted yet. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Row(String responsibility, String category, String content, String measures, String riskPoint,
      String frequency, String evidenceRequired, String responsiblePerson, String responsibleLeader) {
  }

  /**
   * Checks and converts the submitted value of a tailored list, its items' 责任人 and 责任领导 as submitted (checked
   * against the unit's people by {@link ItemResponsibles}); throws {@link InvalidInputException} naming the first
   * bad item.
   */
  public List<ListItem> parse(Object value) {
    return parse(value, ListKind.TAILORED.label(), true);
  }

  /** As {@link #parse(Object)} for a common list, naming it in messages, e.g. "共性清单"; it names no responsibles. */
  public List<ListItem> parse(Object value, String listName) {
    return parse(value, listName, false);
  }

  private List<ListItem> parse(Object value, String listName, boolean responsibles) {
    List<Row> rows = rows(value, listName);
    if (rows.isEmpty()) {
      throw new InvalidInputException(listName + "至少需要一项");
    }
    if (rows.size() > MAX_ITEMS) {
      throw new InvalidInputException(listName + "最多" + MAX_ITEMS + "项");
    }
    List<ListItem> items = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      items.add(item(i + 1, rows.get(i), responsibles));
    }
    return items;
  }

  /** The items as the JSON variable the drafting form's dynamic list shows. */
  public TypedValue variable(List<ListItem> items) {
    return FormInputs.jsonVariable(json, rows(items));
  }

  /** Checks items that arrived as items (an import): the same rules as the form's, naming the item. */
  public List<ListItem> check(List<ListItem> items, String listName) {
    return parse(rows(items), listName, false);
  }

  private static List<Row> rows(List<ListItem> items) {
    return items.stream().map(item -> new Row(item.responsibility().name(), item.category(), item.content(),
        item.measures(), item.riskPoint(), item.frequency(), item.evidenceRequired(), item.responsiblePerson(),
        item.responsibleLeader())).toList();
  }

  private List<Row> rows(Object value, String listName) {
    return FormInputs.optionalRows(json, value, Row.class, listName + "格式不正确，请在表单中逐项填写");
  }

  private static ListItem item(int position, Row row, boolean responsibles) {
    if (row == null) {
      throw new InvalidInputException("第" + position + "项为空，请填写或删除");
    }
    Responsibility responsibility = responsibility(position, row.responsibility());
    String category = text(position, "类别", row.category(), MAX_CATEGORY, true);
    String content = text(position, "责任内容", row.content(), MAX_CONTENT, true);
    String measures = text(position, "履责措施", row.measures(), MAX_MEASURES, true);
    return new ListItem(responsibility, category, content, measures,
        text(position, "廉政风险点", row.riskPoint(), MAX_SHORT, false),
        text(position, "履责频次", row.frequency(), MAX_FREQUENCY, false),
        text(position, "佐证材料", row.evidenceRequired(), MAX_SHORT, false),
        responsibles ? login(row.responsiblePerson()) : null, responsibles ? login(row.responsibleLeader()) : null);
  }

  private static Responsibility responsibility(int position, String value) {
    for (Responsibility responsibility : Responsibility.values()) {
      if (responsibility.name().equals(value)) {
        return responsibility;
      }
    }
    throw new InvalidInputException("第" + position + "项：请选择责任类型（主体责任或监督责任）");
  }

  private static String login(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String text(int position, String label, String value, int maxLength, boolean required) {
    String tooLong = "第" + position + "项：" + label + "过长，最多" + maxLength + "字";
    return required ? FormInputs.requiredText(value, maxLength, "第" + position + "项：请填写" + label, tooLong)
        : FormInputs.text(value, maxLength, tooLong);
  }
}
