package org.liangze.notification;

/**
 * One way of reaching people. Mail is built in; an SMS gateway is another implementation of this interface, named
 * by {@code liangze.notifications.channel}.
 */
public interface NotificationChannel {

  /** The name the configuration selects this channel by, e.g. "mail". */
  String name();

  /** How the notification centre names the channel: 日志, 邮件, ... */
  default String label() {
    return name();
  }

  /** How a person is addressed on this channel, from their Camunda user (e-mail here); null if unreachable. */
  String addressOf(org.camunda.bpm.engine.identity.User user);

  /** Delivers the message or throws, so the engine retries and finally raises an incident. */
  void send(Notification notification);
}
