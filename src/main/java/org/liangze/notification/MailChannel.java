package org.liangze.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** E-mail through Spring Mail; the SMTP server is configured with spring.mail.* (SMTP_HOST, SMTP_PORT, ...). */
@Component
class MailChannel implements NotificationChannel {

  static final String NAME = "mail";

  private final JavaMailSender mail;
  private final String from;

  MailChannel(JavaMailSender mail, @Value("${liangze.notifications.from:liangze@localhost}") String from) {
    this.mail = mail;
    this.from = from;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String label() {
    return "邮件";
  }

  @Override
  public String addressOf(Addressee addressee) {
    return addressee.email() == null || addressee.email().isBlank() ? null : addressee.email();
  }

  @Override
  public void send(Notification notification) {
    try {
      MimeMessage message = mail.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
      helper.setFrom(from);
      helper.setTo(notification.recipientAddress());
      helper.setSubject(notification.subject());
      helper.setText(notification.body());
      mail.send(message);
    } catch (MessagingException e) {
      throw new MailSendException("Could not build the message for notification " + notification.id(), e);
    }
  }
}
