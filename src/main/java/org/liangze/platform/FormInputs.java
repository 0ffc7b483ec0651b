package org.liangze.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * Every feature's form input, checked the same way: text with a length limit, a choice, a year, a date, a date-time
 * and the rows of a form's dynamic list. Each check throws {@link InvalidInputException} with the caller's Chinese message,
 * so the person sees what to correct and nothing changes.
 */
public final class FormInputs {

  /** The first and the last year the platform takes (a year's lists, letters, reports and quarters). */
  public static final int FIRST_YEAR = 2000;
  public static final int LAST_YEAR = 2100;

  private FormInputs() {
  }

  /**
   * A year, as a form's number field or a request's text gives it: four digits within {@link #FIRST_YEAR}–
   * {@link #LAST_YEAR}; anything else (missing, "26", 2026.5) is refused in Chinese.
   */
  public static int year(Object value) {
    String text = value instanceof Number number && number.doubleValue() == number.longValue()
        ? String.valueOf(number.longValue()) : value == null ? null : value.toString().strip();
    if (text == null || !text.matches("\\d{4}")) {
      throw new InvalidInputException("年度格式不正确，应为四位数字年份，例如 " + Year.now().getValue());
    }
    int year = Integer.parseInt(text);
    if (year < FIRST_YEAR || year > LAST_YEAR) {
      throw new InvalidInputException("年度超出范围（" + FIRST_YEAR + "–" + LAST_YEAR + "）");
    }
    return year;
  }

  /** Optional text: stripped, or null when missing or blank; longer than {@code max} characters → {@code tooLong}. */
  public static String text(Object value, int max, String tooLong) {
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    String text = value.toString().strip();
    if (text.length() > max) {
      throw new InvalidInputException(tooLong);
    }
    return text;
  }

  /** Required text: as {@link #text}, and missing or blank → {@code missing}. */
  public static String requiredText(Object value, int max, String missing, String tooLong) {
    String text = text(value, max, tooLong);
    if (text == null) {
      throw new InvalidInputException(missing);
    }
    return text;
  }

  /** The value itself when present; null → {@code message}. Usually wraps {@link #text}. */
  public static <T> T required(T value, String message) {
    if (value == null) {
      throw new InvalidInputException(message);
    }
    return value;
  }

  /** The stripped value when it is one of {@code allowed}; anything else → {@code message}. */
  public static String oneOf(String value, Set<String> allowed, String message) {
    if (value == null || !allowed.contains(value.strip())) {
      throw new InvalidInputException(message);
    }
    return value.strip();
  }

  /**
   * A date: a {@link LocalDate}, a {@link Date} (the day in {@code zone}), or text "yyyy-MM-dd" — a longer text
   * such as the form's date-time "2026-12-31T00:00" is taken for its first ten characters. Missing or blank →
   * {@code missing}; not a date → {@code malformed}.
   */
  public static LocalDate date(Object value, ZoneId zone, String missing, String malformed) {
    if (value instanceof LocalDate date) {
      return date;
    }
    if (value instanceof Date legacy) {
      return legacy.toInstant().atZone(zone).toLocalDate();
    }
    if (!(value instanceof String text) || text.isBlank()) {
      throw new InvalidInputException(missing);
    }
    String trimmed = text.strip();
    try {
      return LocalDate.parse(trimmed.length() > 10 ? trimmed.substring(0, 10) : trimmed);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(malformed);
    }
  }

  /**
   * A date-time: a {@link Date}, or ISO text with an offset ("2026-12-01T09:30+08:00") or without one
   * ("2026-12-01T09:30", taken in {@code zone}). Missing or blank → {@code missing}; not a date-time →
   * {@code malformed}.
   */
  public static OffsetDateTime dateTime(Object value, ZoneId zone, String missing, String malformed) {
    if (value instanceof Date legacy) {
      return legacy.toInstant().atZone(zone).toOffsetDateTime();
    }
    if (!(value instanceof String text) || text.isBlank()) {
      throw new InvalidInputException(missing);
    }
    String trimmed = text.strip();
    try {
      return OffsetDateTime.parse(trimmed);
    } catch (DateTimeParseException notWithOffset) {
      try {
        return LocalDateTime.parse(trimmed).atZone(zone).toOffsetDateTime();
      } catch (DateTimeParseException e) {
        throw new InvalidInputException(malformed);
      }
    }
  }

  /**
   * The rows of a form's dynamic list: a JSON array of objects as the engine keeps it (a Spin JSON variable), as
   * JSON text, or a list of maps (tests and API clients). Nothing, blank text, or anything that is not a list of
   * {@code type} → {@code malformed}. Nothing in a row is checked yet.
   */
  public static <T> List<T> rows(ObjectMapper json, Object value, Class<T> type, String malformed) {
    try {
      if (value instanceof SpinJsonNode node) {
        return readList(json, node.toString(), type);
      }
      if (value instanceof String text && !text.isBlank()) {
        return readList(json, text, type);
      }
      if (value instanceof Collection<?> collection) {
        return collection.stream().map(row -> json.convertValue(row, type)).toList();
      }
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new InvalidInputException(malformed);
    }
    throw new InvalidInputException(malformed);
  }

  /** As {@link #rows}, but nothing at all or blank text is an empty list (a list the person may leave empty). */
  public static <T> List<T> optionalRows(ObjectMapper json, Object value, Class<T> type, String malformed) {
    if (value == null || value instanceof String text && text.isBlank()) {
      return List.of();
    }
    return rows(json, value, type, malformed);
  }

  /** Rows as the JSON variable a form's dynamic list shows. */
  public static TypedValue jsonVariable(ObjectMapper json, Object rows) {
    try {
      return SpinValues.jsonValue(json.writeValueAsString(rows)).create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Rows could not be written as JSON", e);
    }
  }

  private static <T> List<T> readList(ObjectMapper json, String text, Class<T> type) throws JsonProcessingException {
    return json.readValue(text, json.getTypeFactory().constructCollectionType(List.class, type));
  }
}
