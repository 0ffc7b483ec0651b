package org.liangze.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.liangze.platform.InvalidInputException;

/** A half-year, written like {@code 2026H1}: January–June or July–December of a year, in the district's zone. */
public record HalfYear(int year, int half) {

  private static final Pattern TEXT = Pattern.compile("(\\d{4})H([12])");

  public HalfYear {
    if (year < 2000 || year > 2100 || (half != 1 && half != 2)) {
      throw new InvalidInputException("半年度格式不正确，应为如 2026H1（上半年）或 2026H2（下半年）");
    }
  }

  public static HalfYear parse(String text) {
    Matcher matcher = text == null ? null : TEXT.matcher(text.strip());
    if (matcher == null || !matcher.matches()) {
      throw new InvalidInputException("半年度格式不正确，应为如 2026H1（上半年）或 2026H2（下半年）");
    }
    return new HalfYear(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
  }

  /** The half-year that ended most recently before this moment: what a report run at that moment covers. */
  public static HalfYear endedBefore(Instant now, ZoneId zone) {
    LocalDate today = now.atZone(zone).toLocalDate();
    return today.getMonthValue() <= 6 ? new HalfYear(today.getYear() - 1, 2) : new HalfYear(today.getYear(), 1);
  }

  public Instant start(ZoneId zone) {
    return ZonedDateTime.of(year, half == 1 ? 1 : 7, 1, 0, 0, 0, 0, zone).toInstant();
  }

  public Instant end(ZoneId zone) {
    return half == 1 ? new HalfYear(year, 2).start(zone) : new HalfYear(year + 1, 1).start(zone);
  }

  public String label() {
    return year + "年" + (half == 1 ? "上半年" : "下半年");
  }

  @Override
  public String toString() {
    return year + "H" + half;
  }
}
