package org.liangze.notification;

/**
 * One way of reaching people: the log (站内), mail, SMS, WeCom, DingTalk. Each person's preferences
 * ({@link NotificationPreferences}) choose among the {@link #available() available} ones; a notification is
 * recorded once per channel the person chose and is reachable on.
 */
public interface NotificationChannel {

  /** The name preferences and the configuration select this channel by, e.g. "mail". */
  String name();

  /** How the notification centre names the channel: 日志, 邮件, 短信, ... */
  default String label() {
    return name();
  }

  /** Whether the channel is configured, so that people may choose it. */
  default boolean available() {
    return true;
  }

  /** How the person is addressed on this channel (e-mail, mobile, unit robot, ...); null if unreachable. */
  String addressOf(Addressee addressee);

  /** Delivers the message or throws, so the engine retries and finally raises an incident. */
  void send(Notification notification);
}
