package org.liangze.notification;

/**
 * A gateway (SMS, WeCom, DingTalk) refused or failed a message: {@link #reason()} says why in Chinese for the
 * notification centre; the message carries the gateway's own code and text for operators.
 */
class GatewayException extends RuntimeException {

  private final String reason;

  GatewayException(String reason, String technical) {
    super(technical);
    this.reason = reason;
  }

  String reason() {
    return reason;
  }
}
