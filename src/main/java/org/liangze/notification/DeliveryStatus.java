package org.liangze.notification;

/** Where a notification's delivery stands, as the delivery job leaves it (column {@code notifications.status}). */
public enum DeliveryStatus {
  /** Recorded, its delivery job not yet run. */
  PENDING("待发送"),
  /** The channel accepted it. */
  SENT("已送达"),
  /** The last try failed; the engine retries, and an incident shows when the retries run out. */
  FAILED("发送失败"),
  /** The person has no address on the channel (no e-mail): never sent. */
  NO_ADDRESS("无联系方式");

  private final String label;

  DeliveryStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
