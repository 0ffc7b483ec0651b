package org.liangze.escalation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The period a late task's work was for, which an accountability request is per (one per unit, cause and period):
 * its process's own period — a quarter ("2026Q4" → 2026年第四季度), a half-year ("2026H1" → 2026年上半年) or a year
 * (2026 → 2026年度) — else the quarter its due date fell in.
 *
 * @param key how it is stored ("2026Q4", "2026H1", "2026")
 * @param label how people say it
 */
record WorkPeriod(String key, String label) {

  private static final Pattern QUARTER = Pattern.compile("(\\d{4})[Qq]([1-4])");
  private static final Pattern HALF_YEAR = Pattern.compile("(\\d{4})[Hh]([12])");
  private static final Pattern YEAR = Pattern.compile("(\\d{4})");
  private static final String[] QUARTERS = {"一", "二", "三", "四"};

  /** From the task's process period variable's text (null when it has none) and its due date. */
  static WorkPeriod of(String variableText, Instant due, ZoneId zone) {
    String text = variableText == null ? "" : variableText.strip();
    Matcher quarter = QUARTER.matcher(text);
    if (quarter.matches()) {
      return quarter(Integer.parseInt(quarter.group(1)), Integer.parseInt(quarter.group(2)));
    }
    Matcher half = HALF_YEAR.matcher(text);
    if (half.matches()) {
      return new WorkPeriod(half.group(1) + "H" + half.group(2),
          half.group(1) + "年" + ("1".equals(half.group(2)) ? "上半年" : "下半年"));
    }
    if (YEAR.matcher(text).matches()) {
      return new WorkPeriod(text, text + "年度");
    }
    LocalDate day = due.atZone(zone).toLocalDate();
    return quarter(day.getYear(), (day.getMonthValue() - 1) / 3 + 1);
  }

  private static WorkPeriod quarter(int year, int number) {
    return new WorkPeriod(year + "Q" + number, year + "年第" + QUARTERS[number - 1] + "季度");
  }
}
