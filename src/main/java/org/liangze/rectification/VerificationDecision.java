package org.liangze.rectification;

/** What the discipline commission finds when it checks a reported rectification. */
public enum VerificationDecision {
  VERIFIED,
  NOT_YET
}
