package org.liangze.talk;

/** Where a talk stands. */
public enum TalkStatus {
  /** Started, time and place not yet fixed. */
  SCHEDULING,
  /** Time, place and participants fixed, people told; minutes not yet recorded. */
  SCHEDULED,
  /** Held and recorded; its commitments are being followed up. */
  FOLLOWING_UP,
  /** Every commitment verified. */
  CLOSED
}
