package org.liangze.notification;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells people things. Every notification is recorded first; its delivery runs as a job of its own (the
 * notification-delivery process), so a mail server that is down never fails or rolls back the work that caused
 * the notification: the job is retried, and when retries run out an incident shows in Cockpit.
 */
@Service
public class Notifications {

  private final NotificationRepository repository;
  private final NotificationChannel channel;
  private final IdentityService identity;
  private final RuntimeService runtime;
  private final Clock clock;

  Notifications(NotificationRepository repository, List<NotificationChannel> channels,
      @Value("${liangze.notifications.channel:log}") String channelName, IdentityService identity,
      RuntimeService runtime, Clock clock) {
    this.repository = repository;
    this.channel = channels.stream().filter(c -> c.name().equals(channelName)).findFirst()
        .orElseThrow(() -> new IllegalStateException("Unknown notification channel '" + channelName
            + "'; known: " + channels.stream().map(NotificationChannel::name).toList()));
    this.identity = identity;
    this.runtime = runtime;
    this.clock = clock;
  }

  /** Notifies every member of a Camunda group. */
  @Transactional
  public void notifyGroup(String groupId, NotificationKind kind, String subject, String body, String unitCode,
      String taskId) {
    for (User user : identity.createUserQuery().memberOfGroup(groupId).list()) {
      notifyUser(user, kind, subject, body, unitCode, taskId);
    }
  }

  /** Notifies one person by login; nobody is told if the login is unknown. */
  @Transactional
  public void notifyUser(String userId, NotificationKind kind, String subject, String body, String unitCode,
      String taskId) {
    User user = identity.createUserQuery().userId(userId).singleResult();
    if (user != null) {
      notifyUser(user, kind, subject, body, unitCode, taskId);
    }
  }

  private void notifyUser(User user, NotificationKind kind, String subject, String body, String unitCode,
      String taskId) {
    String address = channel.addressOf(user);
    long id = repository.insert(channel.name(), user.getId(), address, subject, body, kind, unitCode, taskId,
        address == null ? "NO_ADDRESS" : "PENDING", clock.instant());
    if (address != null) {
      runtime.startProcessInstanceByKey(NotificationDeliveryProcess.KEY, "notification-" + id,
          Map.of(NotificationDeliveryProcess.NOTIFICATION_ID, id));
    }
  }

  /**
   * Sends a recorded notification once; a retry after success sends nothing. Every try counts in its attempts; a
   * failed one leaves it {@link DeliveryStatus#FAILED} with the reason, a successful one {@link DeliveryStatus#SENT}.
   */
  @Transactional
  public void deliver(long notificationId) {
    repository.findDeliverable(notificationId).ifPresent(notification -> {
      try {
        channel.send(notification);
      } catch (RuntimeException failure) {
        // kept though the job's transaction rolls back; the engine retries and finally raises an incident
        repository.markFailed(notificationId, clock.instant(), DeliveryFailures.reasonOf(failure),
            DeliveryFailures.technical(failure));
        throw failure;
      }
      repository.markSent(notificationId, clock.instant());
    });
  }

  public List<Notification> ofUnit(String unitCode) {
    return repository.ofUnit(unitCode);
  }
}
