package org.liangze.notification;

/** {@code processes/notification-delivery.bpmn}: one instance delivers one notification. */
public final class NotificationDeliveryProcess {

  public static final String KEY = "notificationDelivery";
  /** The notification to deliver (Long). */
  public static final String NOTIFICATION_ID = "notificationId";

  private NotificationDeliveryProcess() {
  }

  public enum Element {
    NotificationRecorded,
    DeliverNotification,
    NotificationDelivered
  }
}
