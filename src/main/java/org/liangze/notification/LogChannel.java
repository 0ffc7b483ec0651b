package org.liangze.notification;

import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records and logs notifications without sending them: the demo's and a fresh installation's channel until an
 * SMTP server is configured. Every notification is in the notifications table either way.
 */
@Component
class LogChannel implements NotificationChannel {

  private static final Logger log = LoggerFactory.getLogger(LogChannel.class);

  @Override
  public String name() {
    return "log";
  }

  @Override
  public String label() {
    return "日志";
  }

  @Override
  public String addressOf(User user) {
    return user.getId();
  }

  @Override
  public void send(Notification notification) {
    log.info("Notification {} to {}: {}", notification.id(), notification.recipientUserId(), notification.subject());
  }
}
