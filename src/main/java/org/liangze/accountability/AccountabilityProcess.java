package org.liangze.accountability;

/**
 * Everything the code knows about {@code processes/accountability.bpmn}, one accountability case (问责) of a unit
 * and cause, and {@code processes/accountability-measures.dmn}: keys, element ids and variable names.
 */
public final class AccountabilityProcess {

  public static final String KEY = "accountability";
  /** The decision table that proposes measures for each subject (business rule task ProposeMeasures). */
  public static final String DECISION_KEY = "accountabilityMeasures";
  /** The decision table that gives a final measure its period of consequences (DetermineConsequencePeriods). */
  public static final String PERIOD_DECISION_KEY = "accountabilityConsequencePeriod";

  private AccountabilityProcess() {
  }

  /** A case taken up from the escalation ladder's request. */
  public static String businessKey(long requestId) {
    return "case-" + requestId;
  }

  /** A case a supervisor opened (complaint, inspection finding, failed review). */
  public static String businessKey(String unitCode, long caseId) {
    return "case-" + unitCode + "-" + caseId;
  }

  /** BPMN element ids, spelled exactly as in the model. */
  public enum Element {
    CaseRegistered,
    CollectEvidence,
    VerifyCase,
    OpenOrClose,
    CaseClosed,
    InvestigationsFork,
    InvestigateMain,
    InvestigateSupervisory,
    InvestigationsJoin,
    StatementAndDefence,
    ReviewDefence,
    ProposeMeasures,
    ApproveMeasures,
    DetermineConsequencePeriods,
    IssueDecision,
    NotifySubjects,
    ExecutionFork,
    LodgeAppeal,
    AppealPeriodOver,
    AppealLodged,
    ReviewAppeal,
    RedetermineConsequencePeriods,
    AppealSettled,
    ExecutionJoin,
    PublishOrNot,
    DraftNotification,
    ApproveNotification,
    NotificationApproved,
    PublishNotification,
    PublicationDone,
    Rectify,
    ConsequencePeriods,
    ConsequencePeriodStarted,
    ConsequencePeriodEnds,
    RemindConsequenceEnd,
    ConsequencePeriodOver,
    CaseConcluded
  }

  /** Process variable names. */
  public static final class Variables {
    /** The unit under accountability; the record manual files every completed task of this scope under it. */
    public static final String UNIT_CODE = "unitCode";
    public static final String UNIT_NAME = "unitName";
    /** Start form only: the active units, by name ({@code [{label, value}]}, value the code). */
    public static final String UNIT_OPTIONS = "unitOptions";
    /** Why: one case per unit and cause. */
    public static final String CAUSE = "cause";
    /** Where the case came from, a {@link CaseSource} name. */
    public static final String SOURCE = "source";
    /** The escalation ladder's request the case takes up (Long), if it came from there. */
    public static final String REQUEST_ID = "requestId";
    /** The row in accountability_cases (Long). */
    public static final String CASE_ID = "caseId";
    /** The evidence pulled in at registration, read-only on the verification form. */
    public static final String DOSSIER = "dossier";
    /** The commission's verification: OPEN or CLOSE. */
    public static final String DECISION = "decision";
    public static final String VERIFICATION_NOTE = "verificationNote";
    /** The two investigations' subjects: JSON arrays (Spin JSON) of the forms' dynamic lists. */
    public static final String MAIN_SUBJECTS = "mainSubjects";
    public static final String SUPERVISORY_SUBJECTS = "supervisorySubjects";
    /** Each investigation's facts, findings and evidence (text). */
    public static final String MAIN_FACTS = "mainFacts";
    public static final String MAIN_FINDINGS = "mainFindings";
    public static final String MAIN_EVIDENCE = "mainEvidence";
    public static final String SUPERVISORY_FACTS = "supervisoryFacts";
    public static final String SUPERVISORY_FINDINGS = "supervisoryFindings";
    public static final String SUPERVISORY_EVIDENCE = "supervisoryEvidence";
    /** The unit's leading people the investigation forms offer for a leader subject (JSON list of label, value). */
    public static final String UNIT_PEOPLE = "unitPeople";
    /** The element variable of the measures decision: one subject's id (Long). */
    public static final String SUBJECT_ID = "subjectId";
    /** The measures decision's result list for one subject. */
    public static final String PROPOSALS = "proposals";
    /** The period decision's single result for one measure: consequenceMonths, periodNote (or null). */
    public static final String CONSEQUENCE_PERIOD = "consequencePeriod";
    /** The statement and defence task of one subject (local to its instance): the subject's name and charges. */
    public static final String SUBJECT_NAME = "subjectName";
    public static final String CHARGES = "charges";
    /** The subject's answer: a waiver (Boolean), or a statement and its points (dynamic list of {point}). */
    public static final String DEFENCE_WAIVED = "defenceWaived";
    public static final String STATEMENT = "statement";
    public static final String DEFENCE_POINTS = "defencePoints";
    /** The investigators' review: every point adopted or rejected with a reason (dynamic list). */
    public static final String DEFENCE_REVIEW = "defenceReview";
    /** Every subject's statement, as the review form shows it. */
    public static final String STATEMENTS = "statements";
    /** The written decision's number (区纪问决〔2026〕1号). */
    public static final String DECISION_NUMBER = "decisionNumber";
    /** The unit's answer within the month: APPEAL or NONE; who appeals and why. */
    public static final String APPEAL = "appeal";
    public static final String APPELLANT = "appellant";
    public static final String APPEAL_GROUNDS = "appealGrounds";
    /** Whether an appeal was lodged (Boolean). */
    public static final String APPEALED = "appealed";
    /** The appeal as the review form shows it, and the review: each measure upheld, changed or revoked. */
    public static final String APPEAL_TEXT = "appealText";
    public static final String APPEAL_REVIEW = "appealReview";
    /** The proposed measures for the committee's approval: a JSON array (Spin JSON), one row per measure. */
    public static final String MEASURES = "measures";
    /** Whether the committee has the case publicly notified as a typical case (Boolean). */
    public static final String PUBLISH = "publish";
    public static final String RECTIFICATION_REQUIREMENT = "rectificationRequirement";
    public static final String RECTIFICATION_DEADLINE = "rectificationDeadline";
    public static final String RECTIFICATION_ID = "rectificationId";
    public static final String RECTIFICATION_OUTCOME = "rectificationOutcome";
    /** The public notification's draft: title and text with names redacted. */
    public static final String NOTIFICATION_TITLE = "notificationTitle";
    public static final String NOTIFICATION_TEXT = "notificationText";
    /** The committee's decision on the draft: APPROVE or REJECT. */
    public static final String NOTIFICATION_DECISION = "notificationDecision";
    /** Whether the committee approves publishing real names (Boolean, default false). */
    public static final String REAL_NAMES = "realNames";
    public static final String NOTIFICATION_COMMENT = "notificationComment";
    /** The element variable of the consequence-period sub-process: one measure's id (Long). */
    public static final String MEASURE_ID = "measureId";

    private Variables() {
    }
  }
}
