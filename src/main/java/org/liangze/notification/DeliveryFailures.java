package org.liangze.notification;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailParseException;

/** Why a try failed, in words the people reading the notification centre understand. */
final class DeliveryFailures {

  private DeliveryFailures() {
  }

  static String reasonOf(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof GatewayException gateway) {
        return gateway.reason();
      }
      if (cause instanceof java.net.http.HttpTimeoutException) {
        return "连接发送服务器超时";
      }
      if (cause instanceof ConnectException) {
        return "无法连接发送服务器（服务器未启动或拒绝连接）";
      }
      if (cause instanceof UnknownHostException) {
        return "发送服务器地址无法解析";
      }
      if (cause instanceof SocketTimeoutException) {
        return "连接发送服务器超时";
      }
      if (cause instanceof MailAuthenticationException || cause instanceof AuthenticationFailedException) {
        return "发送服务器拒绝登录（用户名或密码不正确）";
      }
      if (cause instanceof AddressException || cause instanceof MailParseException) {
        return "收件地址格式不正确";
      }
      if (cause instanceof SendFailedException) {
        return "发送服务器拒收（收件地址无效或被拒绝）";
      }
    }
    return "发送出错，详情见系统日志";
  }

  /** The technical error for operators, bounded to its column. */
  static String technical(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable cause = failure; cause != null && text.length() < 1000; cause = cause.getCause()) {
      if (!text.isEmpty()) {
        text.append(" <- ");
      }
      text.append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
    }
    return text.length() > 1000 ? text.substring(0, 1000) : text.toString();
  }
}
