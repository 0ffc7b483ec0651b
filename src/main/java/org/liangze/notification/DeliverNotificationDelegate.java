package org.liangze.notification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.liangze.platform.DelegateInputs;
import org.springframework.stereotype.Component;

@DelegateInputs({NotificationDeliveryProcess.NOTIFICATION_ID})
@Component("deliverNotification")
class DeliverNotificationDelegate implements JavaDelegate {

  private final Notifications notifications;

  DeliverNotificationDelegate(Notifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    notifications.deliver((Long) execution.getVariable(NotificationDeliveryProcess.NOTIFICATION_ID));
  }
}
