package org.liangze.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records and logs notifications without sending them: the demo's and a fresh installation's channel until an
 * SMTP server is configured. Every notification is in the notifications table either way.
 */
@Component
class LogChannel implements NotificationChannel {

  static final String NAME = "log";

  private static final Logger log = LoggerFactory.getLogger(LogChannel.class);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String label() {
    return "日志";
  }

  @Override
  public String addressOf(Addressee addressee) {
    return addressee.userId();
  }

  @Override
  public void send(Notification notification) {
    log.info("Notification {} to {}: {}", notification.id(), notification.recipientUserId(), notification.subject());
  }
}
