package org.liangze.notification;

import java.time.Clock;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.liangze.platform.InvalidInputException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each person's choice of channels and quiet hours (我的通知设置). Someone who never chose gets the configured
 * defaults: {@code liangze.notifications.channel} (one channel name or several, comma-separated) and
 * {@code liangze.notifications.quiet-hours} ("22:00-07:00", blank for none).
 */
@Service
public class NotificationPreferences {

  /** What reaches a person: channel names, and their quiet hours if any. */
  public record Preference(Set<String> channels, Optional<QuietHours> quietHours, boolean chosen) {
  }

  private final JdbcClient jdbc;
  private final List<NotificationChannel> channels;
  private final Set<String> defaultChannels;
  private final Optional<QuietHours> defaultQuietHours;
  private final Clock clock;

  NotificationPreferences(JdbcClient jdbc, List<NotificationChannel> channels,
      @Value("${liangze.notifications.channel:log}") String defaultChannels,
      @Value("${liangze.notifications.quiet-hours:}") String defaultQuietHours, Clock clock) {
    this.jdbc = jdbc;
    this.channels = channels;
    this.defaultChannels = names(defaultChannels);
    Set<String> known = channels.stream().map(NotificationChannel::name).collect(Collectors.toSet());
    if (this.defaultChannels.isEmpty() || !known.containsAll(this.defaultChannels)) {
      throw new IllegalStateException("Unknown notification channel in liangze.notifications.channel '"
          + defaultChannels + "'; known: " + known);
    }
    this.defaultQuietHours = QuietHours.parse(defaultQuietHours);
    this.clock = clock;
  }

  public Preference of(String userId) {
    return jdbc.sql("select channels, quiet_from, quiet_to from notification_preferences where user_id = ?")
        .param(userId)
        .query((rs, row) -> {
          LocalTime from = rs.getObject("quiet_from", LocalTime.class);
          LocalTime to = rs.getObject("quiet_to", LocalTime.class);
          return new Preference(names(rs.getString("channels")),
              from == null ? Optional.<QuietHours>empty() : Optional.of(new QuietHours(from, to)), true);
        })
        .optional()
        .orElseGet(() -> new Preference(defaultChannels, defaultQuietHours, false));
  }

  /** The channels people may choose: those configured, in a fixed order. */
  public List<NotificationChannel> choosable() {
    List<String> order = List.of(LogChannel.NAME, MailChannel.NAME, SmsChannel.NAME, WecomChannel.NAME,
        DingTalkChannel.NAME);
    return channels.stream().filter(NotificationChannel::available)
        .sorted(java.util.Comparator.comparingInt(c -> order.indexOf(c.name()) < 0 ? 99 : order.indexOf(c.name())))
        .toList();
  }

  /**
   * Saves a person's choice as the settings page sends it; a bad one is an {@link InvalidInputException} with a
   * Chinese message and nothing changes.
   */
  @Transactional
  public Preference save(String userId, List<String> chosenChannels, boolean quiet, String quietFrom,
      String quietTo) {
    Set<String> choosable = choosable().stream().map(NotificationChannel::name).collect(Collectors.toSet());
    Set<String> chosen = new LinkedHashSet<>();
    for (String name : chosenChannels == null ? List.<String>of() : chosenChannels) {
      if (name == null || name.isBlank()) {
        continue;
      }
      if (!choosable.contains(name.trim())) {
        throw new InvalidInputException("所选的接收方式当前不可用，请刷新页面后重新选择");
      }
      chosen.add(name.trim());
    }
    if (chosen.isEmpty()) {
      throw new InvalidInputException("请至少选择一种接收方式");
    }
    QuietHours hours = null;
    if (quiet) {
      LocalTime from = time(quietFrom, "免打扰开始时间");
      LocalTime to = time(quietTo, "免打扰结束时间");
      if (from.equals(to)) {
        throw new InvalidInputException("免打扰的开始时间和结束时间不能相同");
      }
      hours = new QuietHours(from, to);
    }
    OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
    String names = String.join(",", chosen);
    LocalTime from = hours == null ? null : hours.from();
    LocalTime to = hours == null ? null : hours.to();
    int updated = jdbc.sql("""
            update notification_preferences set channels = ?, quiet_from = ?, quiet_to = ?, updated_at = ?
            where user_id = ?""")
        .params(names, from, to, now, userId).update();
    if (updated == 0) {
      jdbc.sql("""
              insert into notification_preferences (user_id, channels, quiet_from, quiet_to, updated_at)
              values (?, ?, ?, ?, ?)""")
          .params(userId, names, from, to, now).update();
    }
    return new Preference(chosen, Optional.ofNullable(hours), true);
  }

  private static LocalTime time(String text, String what) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("请填写" + what);
    }
    try {
      LocalTime time = LocalTime.parse(text.trim());
      return time.withSecond(0).withNano(0);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(what + "格式不正确，应为“时:分”，例如 22:00");
    }
  }

  private static Set<String> names(String text) {
    return text == null ? Set.of() : Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }
}
