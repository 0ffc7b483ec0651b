package org.liangze.rectification;

/**
 * Everything the code knows about {@code processes/rectification.bpmn}, the reusable rectification (整改)
 * sub-process: its key, the ids of its elements and the names of its variables. Callers (the self-check review now,
 * accountability later) pass {@link Variables#UNIT_CODE}, {@link Variables#SUBJECT}, {@link Variables#CAUSE} and
 * {@link Variables#DEADLINE}, and get back {@link Variables#RECTIFICATION_ID} and {@link Variables#OUTCOME}.
 */
public final class RectificationProcess {

  public static final String KEY = "rectification";

  private RectificationProcess() {
  }

  /** BPMN element ids, spelled exactly as in the model. */
  public enum Element {
    RectificationOpened,
    PlanRectification,
    CarryOutReady,
    CarryOut,
    VerifyRectification,
    VerifiedOrNotYet,
    RectificationVerified
  }

  /** Process variable names. */
  public static final class Variables {
    /** Input: the unit that rectifies; the record manual files every task of this scope under it. */
    public static final String UNIT_CODE = "unitCode";
    /** Input: what is to be rectified (the requirement). */
    public static final String SUBJECT = "subject";
    /** Input: why, e.g. "2026年第3季度自查" or a case number. */
    public static final String CAUSE = "cause";
    /** Input: the deadline, "yyyy-MM-dd" (a java.util.Date or LocalDate is accepted too). */
    public static final String DEADLINE = "deadline";
    /** The deadline as the end of that day in the district's time zone (Date): the carry-out task's due date. */
    public static final String DEADLINE_DUE = "deadlineDue";
    public static final String UNIT_NAME = "unitName";
    /** Output: the row in rectifications (Long). */
    public static final String RECTIFICATION_ID = "rectificationId";
    /** Output: {@link RectificationStatus#VERIFIED} once the commission verified it. */
    public static final String OUTCOME = "rectificationOutcome";
    public static final String PLAN = "plan";
    public static final String REPORT = "report";
    public static final String EVIDENCE = "evidence";
    public static final String RECORDS = "records";
    /** The commission's choice, a {@link VerificationDecision} name. */
    public static final String DECISION = "decision";
    public static final String VERIFICATION_COMMENT = "verificationComment";

    private Variables() {
    }
  }
}
