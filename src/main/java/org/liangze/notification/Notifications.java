package org.liangze.notification;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.liangze.organisation.Person;
import org.liangze.organisation.PersonRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells people things. A notification fans out to every channel the person chose ({@link NotificationPreferences})
 * and is reachable on, recorded once per channel; each delivery runs as a job of its own (the notification-delivery
 * process), so a gateway that is down never fails or rolls back the work that caused the notification: the job is
 * retried, and when retries run out an incident shows in Cockpit. A non-urgent notification arriving in the
 * person's quiet hours is recorded at once, its delivery job due when they end.
 */
@Service
public class Notifications {

  private static final int MAX_REASON = 300;

  private final NotificationRepository repository;
  private final Map<String, NotificationChannel> channels;
  private final NotificationPreferences preferences;
  private final PersonRepository people;
  private final IdentityService identity;
  private final RuntimeService runtime;
  private final ManagementService management;
  private final Set<NotificationKind> urgent;
  private final Clock clock;

  Notifications(NotificationRepository repository, List<NotificationChannel> channels,
      NotificationPreferences preferences, PersonRepository people, IdentityService identity,
      RuntimeService runtime, ManagementService management,
      @Value("${liangze.notifications.urgent-kinds:}") String urgentKinds, Clock clock) {
    this.repository = repository;
    this.channels = channels.stream().collect(Collectors.toMap(NotificationChannel::name, Function.identity()));
    this.preferences = preferences;
    this.people = people;
    this.identity = identity;
    this.runtime = runtime;
    this.management = management;
    this.urgent = Arrays.stream(urgentKinds.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .map(NotificationKind::valueOf).collect(Collectors.toSet());
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
    NotificationPreferences.Preference preference = preferences.of(user.getId());
    Set<NotificationChannel> chosen = new LinkedHashSet<>();
    for (String name : preference.channels()) {
      NotificationChannel channel = channels.get(name);
      if (channel != null && channel.available()) {
        chosen.add(channel);
      }
    }
    if (chosen.isEmpty()) {
      // whatever was chosen is no longer configured: the log keeps it, so nothing is lost
      chosen.add(channels.get(LogChannel.NAME));
    }
    // the organisation's record (mobile, units) only when a channel needs it: log and mail do not
    Addressee addressee = chosen.stream().allMatch(c -> c.name().equals(LogChannel.NAME) || c.name().equals(MailChannel.NAME))
        ? new Addressee(user.getId(), user.getFirstName(), user.getEmail(), null, List.of()) : addressee(user);
    Instant now = clock.instant();
    Date due = urgent.contains(kind) ? null : preference.quietHours()
        .map(hours -> hours.deliverableFrom(ZonedDateTime.ofInstant(now, clock.getZone())))
        .filter(from -> from.toInstant().isAfter(now))
        .map(from -> Date.from(from.toInstant())).orElse(null);
    for (NotificationChannel channel : chosen) {
      String address = channel.addressOf(addressee);
      long id = repository.insert(channel.name(), user.getId(), address, subject, body, kind, unitCode, taskId,
          address == null ? "NO_ADDRESS" : "PENDING", now, address == null || due == null ? null : due.toInstant());
      if (address != null) {
        ProcessInstance delivery = runtime.startProcessInstanceByKey(NotificationDeliveryProcess.KEY,
            "notification-" + id, Map.of(NotificationDeliveryProcess.NOTIFICATION_ID, id));
        if (due != null) {
          waitUntil(delivery, due);
        }
      }
    }
  }

  /** Everything the platform knows to reach a person by: their Camunda user and their organisation record. */
  Addressee addressee(User user) {
    Optional<Person> person = people.find(user.getId());
    return new Addressee(user.getId(), person.map(Person::name).orElse(user.getFirstName()), user.getEmail(),
        person.map(Person::mobile).orElse(null),
        person.map(p -> List.copyOf(p.unitCodes())).orElse(List.of()));
  }

  /** The person of a login as {@link #addressee(User)}, if the login exists. */
  Optional<Addressee> addressee(String userId) {
    return Optional.ofNullable(identity.createUserQuery().userId(userId).singleResult()).map(this::addressee);
  }

  /** Moves the delivery job's due date to the end of the quiet hours (as the engine, whoever caused it). */
  private void waitUntil(ProcessInstance delivery, Date due) {
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      Job job = management.createJobQuery().processInstanceId(delivery.getId()).singleResult();
      management.setJobDuedate(job.getId(), due);
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

  /**
   * Sends a recorded notification once, on its own channel; a retry after success sends nothing. Every try counts
   * in its attempts; a failed one leaves it {@link DeliveryStatus#FAILED} with the reason, a successful one
   * {@link DeliveryStatus#SENT}.
   */
  @Transactional
  public void deliver(long notificationId) {
    repository.findDeliverable(notificationId).ifPresent(notification -> {
      try {
        NotificationChannel channel = channels.get(notification.channel());
        if (channel == null) {
          throw new GatewayException("发送渠道已停用", "Unknown notification channel " + notification.channel());
        }
        channel.send(notification);
      } catch (RuntimeException failure) {
        // kept though the job's transaction rolls back; the engine retries and finally raises an incident
        String reason = DeliveryFailures.reasonOf(failure);
        repository.markFailed(notificationId, clock.instant(),
            reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason,
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
