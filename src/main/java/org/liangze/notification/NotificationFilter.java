package org.liangze.notification;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The notification centre's filters, parsed: every field null means "all". {@code from} and {@code to} are days in
 * the district's zone, both included; {@code page} counts from 1.
 */
public record NotificationFilter(String recipient, NotificationKind kind, String channel, DeliveryStatus status,
    LocalDate from, LocalDate to, Instant fromInclusive, Instant toExclusive, int page) {

  public static final NotificationFilter ALL = new NotificationFilter(null, null, null, null, null, null, null, null,
      1);
}
