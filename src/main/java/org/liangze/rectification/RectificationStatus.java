package org.liangze.rectification;

/** A rectification is open until the discipline commission verifies it. */
public enum RectificationStatus {
  OPEN,
  VERIFIED
}
