package org.liangze.letter;

public enum LetterStatus {
  /** Sent to the unit, waiting for its secretary. */
  ISSUED,
  /** The secretary objected; the committee is revising it. */
  OBJECTED,
  SIGNED,
  /** Signed and frozen as a document. */
  ARCHIVED
}
