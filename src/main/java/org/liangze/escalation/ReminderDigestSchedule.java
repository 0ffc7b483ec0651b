package org.liangze.escalation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * When the daily reminder digest goes out: {@code liangze.notifications.digest-at} (HH:mm, the district's time),
 * reached from the reminder-digest model's timer as {@code ${reminderDigestSchedule.cron()}}. The engine reads a
 * cron in the server's time zone, so the hour is converted to it (the district's zone has no daylight saving).
 */
@Component("reminderDigestSchedule")
public class ReminderDigestSchedule {

  private final LocalTime at;
  private final ZoneId district;

  ReminderDigestSchedule(@Value("${liangze.notifications.digest-at:08:00}") String at, Clock clock) {
    try {
      this.at = LocalTime.parse(at.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("liangze.notifications.digest-at must be a time of day such as 08:00: "
          + at, e);
    }
    this.district = clock.getZone();
  }

  /** The digest hour in the district's time zone. */
  public LocalTime at() {
    return at;
  }

  /** A Camunda cron (seconds minutes hours day month weekday) firing daily at the digest hour, server time. */
  public String cron() {
    LocalTime server = LocalDate.now(district).atTime(at).atZone(district)
        .withZoneSameInstant(ZoneId.systemDefault()).toLocalTime();
    return "0 " + server.getMinute() + " " + server.getHour() + " * * ?";
  }
}
