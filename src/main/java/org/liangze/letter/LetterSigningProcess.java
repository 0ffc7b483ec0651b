package org.liangze.letter;

/**
 * Everything the code knows about {@code processes/letter-signing.bpmn}: its key, the ids of its elements and the
 * names of its variables. Nothing else refers to the model by string.
 */
public final class LetterSigningProcess {

  public static final String KEY = "letterSigning";

  private LetterSigningProcess() {
  }

  public static String businessKey(int year) {
    return "letters-" + year;
  }

  /** BPMN element ids, spelled exactly as in the model. */
  public enum Element {
    CampaignStarted,
    IssueLetters,
    UnitSigning,
    LetterIssued,
    LetterReady,
    SignLetter,
    SignedOrObjected,
    CountersignLetter,
    ReviseLetter,
    ReissueLetter,
    ArchiveLetter,
    LetterArchived,
    AllLettersArchived
  }

  /** Process variable names. */
  public static final class Variables {
    /** The campaign's year (Integer; normalised by the start event whatever number type it came as). */
    public static final String YEAR = "year";
    /** The letter a unit's sub-process handles (Long), the multi-instance element variable. */
    public static final String LETTER_ID = "letterId";
    public static final String UNIT_CODE = "unitCode";
    public static final String UNIT_NAME = "unitName";
    public static final String LETTER_TITLE = "letterTitle";
    public static final String LETTER_SUMMARY = "letterSummary";
    /** The secretary's choice, a {@link LetterDecision} name. */
    public static final String DECISION = "decision";
    public static final String SIGNATURE = "signature";
    public static final String OBJECTION_REASON = "objectionReason";
    public static final String REVISION_NOTE = "revisionNote";
    /**
     * The group of the level that issued the unit's letter (逐级签订), which countersigns it and answers objections:
     * the secretary of the unit directly above, or the district committee.
     */
    public static final String ISSUER_GROUP = "issuerGroup";
    /** The issuing level as the letter names it (甲方), shown on the forms. */
    public static final String ISSUER_NAME = "issuerName";
    /** The issuing level's countersignature (会签签名): the name of who countersigns. */
    public static final String COUNTERSIGNATURE = "countersignature";

    private Variables() {
    }
  }
}
