package org.liangze.rectification;

/**
 * Everything the code knows about {@code processes/rectification.bpmn}, the reusable rectification (整改)
 * sub-process: its key, the ids of its elements and the names of its variables. Callers (the self-check review now,
 * accountability later) pass {@link Variables#UNIT_CODE}, {@link Variables#SUBJECT}, {@link Variables#CAUSE} and
 * {@link Variables#DEADLINE}, and get back {@link Variables#RECTIFICATION_ID} and {@link Variables#OUTCOME}. The
 * secretary's plan is a list of rows (problem, measure, owner, deadline) filed in the rectification ledger; each row
 * is then its own follow-up ({@link Element#RectifyRows}, parallel multi-instance): its owner carries it out by the
 * row's deadline (a user task with that due date, so the escalation ladder watches every row), the commission
 * verifies it or returns it, and a verified row is closed (整改销号). The rectification ends with its last row.
 */
public final class RectificationProcess {

  public static final String KEY = "rectification";

  private RectificationProcess() {
  }

  /** BPMN element ids, spelled exactly as in the model. */
  public enum Element {
    RectificationOpened,
    PlanRectification,
    /** One follow-up per ledger row (multi-instance sub-process over the open rows). */
    RectifyRows,
    RowOpened,
    CarryOutReady,
    CarryOut,
    VerifyRectification,
    VerifiedOrNotYet,
    /** The row is closed (整改销号). */
    RowClosed,
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
    /** The plan as one text (kept on the rectification; callers from before the ledger may send it instead of rows). */
    public static final String PLAN = "plan";
    /** The plan form's dynamic list: problem, measure, ownerId, deadline per row (JSON); may be pre-filled. */
    public static final String LEDGER_ROWS = "ledgerRows";
    /** The owner select's options: the unit's people, label and login (JSON). */
    public static final String OWNER_OPTIONS = "ownerOptions";
    /** Start variable of an inspection's findings: the round, e.g. "2026年区委第一轮巡察"; marks the source. */
    public static final String INSPECTION_ROUND = "inspectionRound";
    /** Where the problems were found, e.g. "季度自查" (the ledger's source label). */
    public static final String SOURCE_LABEL = "sourceLabel";
    /** The multi-instance element variable: the ledger row (Long). */
    public static final String ROW_ID = "rowId";
    public static final String ROW_POSITION = "rowPosition";
    public static final String ROW_PROBLEM = "rowProblem";
    public static final String ROW_MEASURE = "rowMeasure";
    /** The row's owner (责任人), the carry-out task's assignee; null for a plan sent as one text. */
    public static final String ROW_OWNER_ID = "rowOwnerId";
    public static final String ROW_OWNER_NAME = "rowOwnerName";
    /** The row's deadline, "yyyy-MM-dd". */
    public static final String ROW_DEADLINE = "rowDeadline";
    /** The end of the row's deadline (Date): the carry-out task's due date. */
    public static final String ROW_DUE = "rowDue";
    public static final String REPORT = "report";
    /** The carry-out form's picks: file numbers of the unit's uploaded evidence (a JSON list). */
    public static final String EVIDENCE = "evidence";
    /** The carry-out form's picks: sequence numbers of the unit's record-manual entries (a JSON list). */
    public static final String RECORDS = "records";
    /**
     * The evidence tag list's options: the unit's uploaded files by name and date (JSON), a form variable computed
     * when the form opens ({@link RectificationCitations}), not kept on the process.
     */
    public static final String EVIDENCE_OPTIONS = "evidenceOptions";
    /** The records tag list's options: the unit's record-manual entries by number, kind, date and summary; ditto. */
    public static final String RECORD_OPTIONS = "recordOptions";
    /** The commission's choice, a {@link VerificationDecision} name. */
    public static final String DECISION = "decision";
    public static final String VERIFICATION_COMMENT = "verificationComment";

    private Variables() {
    }
  }
}
