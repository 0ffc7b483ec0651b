package org.liangze.notification;

import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * A person's quiet hours in the district's zone, e.g. 22:00–07:00 (spanning midnight when {@code from} is after
 * {@code to}): a non-urgent delivery falling inside waits until {@code to}.
 */
public record QuietHours(LocalTime from, LocalTime to) {

  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("HH:mm");

  public QuietHours {
    if (from == null || to == null || from.equals(to)) {
      throw new IllegalArgumentException("Quiet hours need two different times");
    }
  }

  /** "22:00-07:00" as configured; blank means none. */
  static Optional<QuietHours> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String[] parts = text.trim().split("\\s*[-–~]\\s*");
    if (parts.length != 2) {
      throw new IllegalArgumentException("Quiet hours must be HH:mm-HH:mm: " + text);
    }
    return Optional.of(new QuietHours(LocalTime.parse(parts[0]), LocalTime.parse(parts[1])));
  }

  boolean contains(LocalTime time) {
    return from.isBefore(to) ? !time.isBefore(from) && time.isBefore(to)
        : !time.isBefore(from) || time.isBefore(to);
  }

  /** When a delivery at {@code at} may go: {@code at} itself outside quiet hours, else the end of them. */
  ZonedDateTime deliverableFrom(ZonedDateTime at) {
    if (!contains(at.toLocalTime())) {
      return at;
    }
    ZonedDateTime end = at.with(to).withSecond(0).withNano(0);
    return end.isAfter(at) ? end : end.plusDays(1);
  }

  public String fromShown() {
    return SHOWN.format(from);
  }

  public String toShown() {
    return SHOWN.format(to);
  }

  @Override
  public String toString() {
    return fromShown() + "–" + toShown();
  }
}
