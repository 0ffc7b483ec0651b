package org.liangze.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.liangze.platform.InvalidInputException;

/** A scoring period: a quarter ("2026Q3") or a year ("2026"), in Beijing time. */
public record Period(int year, Integer quarter) {

  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  private static final Pattern TEXT = Pattern.compile("(\\d{4})(?:[Qq]([1-4]))?");

  public static Period parse(String text) {
    Matcher matcher = text == null ? null : TEXT.matcher(text.strip());
    if (matcher == null || !matcher.matches()) {
      throw new InvalidInputException("期间格式不正确，应为年份（如 2026）或“年份Q季度”（如 2026Q3）");
    }
    int year = Integer.parseInt(matcher.group(1));
    if (year < 2000 || year > 2100) {
      throw new InvalidInputException("期间超出范围（2000–2100年）");
    }
    return new Period(year, matcher.group(2) == null ? null : Integer.parseInt(matcher.group(2)));
  }

  public static Period quarterOf(LocalDate date) {
    return new Period(date.getYear(), (date.getMonthValue() - 1) / 3 + 1);
  }

  public boolean isQuarter() {
    return quarter != null;
  }

  public String kind() {
    return isQuarter() ? "QUARTER" : "YEAR";
  }

  public LocalDate firstDay() {
    return LocalDate.of(year, isQuarter() ? (quarter - 1) * 3 + 1 : 1, 1);
  }

  public LocalDate dayAfter() {
    return isQuarter() ? firstDay().plusMonths(3) : firstDay().plusYears(1);
  }

  public Instant start() {
    return firstDay().atStartOfDay(BEIJING).toInstant();
  }

  public Instant end() {
    return dayAfter().atStartOfDay(BEIJING).toInstant();
  }

  /** The quarters the period covers, as self-checks name them ("2026Q1"). */
  public List<String> quarters() {
    if (isQuarter()) {
      return List.of(toString());
    }
    List<String> all = new ArrayList<>();
    for (int q = 1; q <= 4; q++) {
      all.add(year + "Q" + q);
    }
    return all;
  }

  /** The quarter before this one (a quarter only). */
  public Period previous() {
    if (!isQuarter()) {
      throw new IllegalStateException("Not a quarter: " + this);
    }
    return quarter == 1 ? new Period(year - 1, 4) : new Period(year, quarter - 1);
  }

  public int quarterCount() {
    return isQuarter() ? 1 : 4;
  }

  public String label() {
    return isQuarter() ? year + "年第" + quarter + "季度" : year + "年度";
  }

  @Override
  public String toString() {
    return isQuarter() ? year + "Q" + quarter : String.valueOf(year);
  }
}
