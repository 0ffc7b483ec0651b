package org.liangze.notification;

/** A message to one person, as stored; {@code recipientAddress} is their e-mail (or phone, for an SMS channel). */
public record Notification(long id, String channel, String recipientUserId, String recipientAddress, String subject,
    String body, NotificationKind kind, String unitCode, String taskId) {
}
