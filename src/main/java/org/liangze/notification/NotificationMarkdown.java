package org.liangze.notification;

/** A notification as the markdown card the messaging services show: title, kind, whom it is for, the text. */
final class NotificationMarkdown {

  /** WeCom's limit for markdown content is 4,096 bytes; DingTalk's is larger. Kept well below in characters. */
  private static final int MAX_BODY = 1000;

  private NotificationMarkdown() {
  }

  static String of(Notification notification, String recipientName, String mention) {
    String body = notification.body().length() > MAX_BODY
        ? notification.body().substring(0, MAX_BODY) + "…" : notification.body();
    StringBuilder text = new StringBuilder();
    text.append("### ").append(oneLine(notification.subject())).append("\n");
    text.append("> 类型：").append(notification.kind().label()).append("\n");
    if (recipientName != null && !recipientName.isBlank()) {
      text.append("> 收件人：").append(recipientName).append("\n");
    }
    text.append("\n").append(body);
    if (mention != null && !mention.isBlank()) {
      text.append("\n\n@").append(mention);
    }
    return text.toString();
  }

  private static String oneLine(String text) {
    return text.replace('\n', ' ').replace('\r', ' ');
  }
}
