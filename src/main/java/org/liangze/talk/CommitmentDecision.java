package org.liangze.talk;

/** The commission's verification of one commitment. */
public enum CommitmentDecision {
  /** 已落实. */
  VERIFIED,
  /** 未落实: back to the unit, with a comment. */
  NOT_YET;

  static CommitmentDecision of(Object value) {
    for (CommitmentDecision decision : values()) {
      if (decision.name().equals(value)) {
        return decision;
      }
    }
    return null;
  }
}
