package org.liangze.accountability;

/** Where an accountability case came from. */
public enum CaseSource {
  /** The escalation ladder: work overdue past the accountability threshold. */
  ESCALATION,
  /** A review that failed (a self-check, a report, a rectification). */
  FAILED_REVIEW,
  /** A complaint or report from the public. */
  COMPLAINT,
  /** A finding of an inspection. */
  INSPECTION
}
