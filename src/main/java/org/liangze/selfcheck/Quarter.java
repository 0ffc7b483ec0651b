package org.liangze.selfcheck;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.liangze.platform.FormInputs;
import org.liangze.platform.InvalidInputException;

/** A calendar quarter, written "2026Q4" in business keys, URLs and tables. */
public record Quarter(int year, int number) implements Comparable<Quarter> {

  private static final Pattern TEXT = Pattern.compile("(\\d{4})[Qq]([1-4])");

  public Quarter {
    if (number < 1 || number > 4) {
      throw new IllegalArgumentException("Quarter number must be 1-4: " + number);
    }
  }

  /**
   * Quarters parsed before, by their text as written ("2026Q4"): a campaign's start parses its quarter in every
   * expression and listener of every unit. At most one per quarter of {@link FormInputs#FIRST_YEAR}–
   * {@link FormInputs#LAST_YEAR}.
   */
  private static final Map<String, Quarter> PARSED = new ConcurrentHashMap<>();

  /** Parses what a person typed; a malformed or out-of-range quarter gets a message they can act on. */
  public static Quarter parse(String text) {
    Quarter parsed = text == null ? null : PARSED.get(text);
    if (parsed != null) {
      return parsed;
    }
    parsed = parseText(text);
    if (text.equals(parsed.toString())) {
      PARSED.put(text, parsed);
    }
    return parsed;
  }

  private static Quarter parseText(String text) {
    Matcher matcher = text == null ? null : TEXT.matcher(text.strip());
    if (matcher == null || !matcher.matches()) {
      throw new InvalidInputException("季度格式不正确，应为“年份Q季度”，例如 2026Q4");
    }
    int year = Integer.parseInt(matcher.group(1));
    if (year < FormInputs.FIRST_YEAR || year > FormInputs.LAST_YEAR) {
      throw new InvalidInputException("季度超出范围（" + FormInputs.FIRST_YEAR + "–" + FormInputs.LAST_YEAR + "年）");
    }
    return new Quarter(year, Integer.parseInt(matcher.group(2)));
  }

  public static Quarter of(LocalDate date) {
    return new Quarter(date.getYear(), (date.getMonthValue() - 1) / 3 + 1);
  }

  public Quarter previous() {
    return number == 1 ? new Quarter(year - 1, 4) : new Quarter(year, number - 1);
  }

  /** "2026年第4季度", how people name it. */
  public String label() {
    return year + "年第" + number + "季度";
  }

  @Override
  public String toString() {
    return year + "Q" + number;
  }

  @Override
  public int compareTo(Quarter other) {
    return Integer.compare(year * 4 + number, other.year * 4 + other.number);
  }
}
