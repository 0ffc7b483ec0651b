package org.liangze.selfcheck;

/**
 * Everything the code knows about {@code processes/unit-self-check.bpmn}, one unit's self-check of a quarter: its
 * key, the ids of its elements and the names of its variables.
 */
public final class UnitSelfCheckProcess {

  public static final String KEY = "unitSelfCheck";

  private UnitSelfCheckProcess() {
  }

  public static String businessKey(String unitCode, Quarter quarter) {
    return businessKeyPrefix(unitCode) + quarter;
  }

  /** What the business keys of a unit's self-checks begin with (unit codes are letters and digits only). */
  static String businessKeyPrefix(String unitCode) {
    return "selfcheck-" + unitCode + "-";
  }

  /** BPMN element ids, spelled exactly as in the model. */
  public enum Element {
    SelfCheckOpened,
    AssessmentReady,
    /**
     * Multi-instance user task, one instance per share of the rows: each 责任人 assesses the items they carry
     * (assignee), the unit's staff the items without one (candidate group).
     */
    AssessItems,
    /** Intermediate event whose listener puts the shares' rows together as the unit's self-check. */
    AssessmentAssembled,
    /** Gateway on {@link Variables#INSPECTOR_CHECK}: a unit without a 纪检委员 skips the inspection. */
    InspectorCheck,
    InspectSelfCheck,
    InspectionOutcome,
    SignOffReady,
    SignOff,
    SignedOffOrReturned,
    /** Business rule task: review-routing.dmn decides who reviews (organisation.ReviewRouting). */
    RouteReview,
    Review,
    ReviewOutcome,
    Rectify,
    SelfCheckAccepted,
    SelfCheckRectified
  }

  /** Process variable names. */
  public static final class Variables {
    /** The unit's code; the record manual files every completed task of this scope under it. */
    public static final String UNIT_CODE = "unitCode";
    public static final String UNIT_NAME = "unitName";
    /** "2026Q4" (String). */
    public static final String QUARTER = "quarter";
    /** "2026年第4季度", for task names and forms. */
    public static final String QUARTER_LABEL = "quarterLabel";
    /**
     * The assessment rows: a JSON array (Spin JSON), the value of the assessment form's dynamic list. An instance of
     * {@code AssessItems} has a local one with its share's rows only; at process level the unit's assembled rows,
     * set once every share is in (none before: the open self-check's rows are the unit's list, not a copy).
     */
    public static final String ITEMS = "items";
    /**
     * The element variable of {@code AssessItems}: the login of the 责任人 whose rows the instance holds, or ""
     * for the unit's staff (the items without a 责任人 of the unit).
     */
    public static final String ASSESSOR = "assessor";
    /** Local to an {@code AssessItems} instance: whose rows the form shows, as text ("您负责的事项" …). */
    public static final String SHARE_LABEL = "shareLabel";
    /** Whether the unit has a 纪检委员 who checks the self-check before the secretary (Boolean, set at start). */
    public static final String INSPECTOR_CHECK = "inspectorCheck";
    /** The inspector's comment; required with a return. */
    public static final String INSPECTION_COMMENT = "inspectionComment";
    /**
     * The unit's uploaded files as the assessment form's options ({@code [{label, value: file number}]}, Spin JSON):
     * a form variable computed when the form opens ({@link SelfCheckCitations}), not kept on the process.
     */
    public static final String EVIDENCE_OPTIONS = "evidenceOptions";
    /** The entries the unit's people wrote into its record manual, as options (value: sequence number); ditto. */
    public static final String RECORD_OPTIONS = "recordOptions";
    /** The submitted assessment as short text, for the secretary and the commission. */
    public static final String ASSESSMENT_SUMMARY = "assessmentSummary";
    /**
     * The choice of the inspector ({@link InspectionDecision}), the secretary ({@link SignOffDecision}) or the
     * reviewer ({@link ReviewDecision}).
     */
    public static final String DECISION = "decision";
    /** Why the self-check was returned (by the inspector, the secretary or the reviewer), shown to the assessors. */
    public static final String RETURN_COMMENT = "returnComment";
    public static final String SIGN_OFF_COMMENT = "signOffComment";
    public static final String REVIEW_COMMENT = "reviewComment";
    /** What the commission requires to be rectified, and by when ("yyyy-MM-dd"). */
    public static final String RECTIFICATION_REQUIREMENT = "rectificationRequirement";
    public static final String RECTIFICATION_DEADLINE = "rectificationDeadline";
    /** What the rectification sub-process returned. */
    public static final String RECTIFICATION_ID = "rectificationId";
    public static final String RECTIFICATION_OUTCOME = "rectificationOutcome";

    private Variables() {
    }
  }
}
