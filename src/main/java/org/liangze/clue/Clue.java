package org.liangze.clue;

import java.time.Instant;

/** A problem clue (问题线索) and what its triage decided. */
public record Clue(long id, ClueSource source, String title, String content, String reporter, String status,
    String unitCode, String cause, String closeReason, Long caseId, String processInstanceId, String registeredBy,
    Instant registeredAt, String triagedBy, Instant triagedAt) {

  public static final String REGISTERED = "REGISTERED";
  /** Triaged for a case, which the next (asynchronous) step opens. */
  public static final String OPENING_CASE = "OPENING_CASE";
  public static final String CASE_OPENED = "CASE_OPENED";
  public static final String CLOSED = "CLOSED";

  /** "问题线索第N号：title". */
  public String label() {
    return "问题线索第" + id + "号：" + title;
  }
}
