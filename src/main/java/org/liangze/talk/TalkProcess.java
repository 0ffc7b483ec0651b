package org.liangze.talk;

/**
 * Everything the code knows about {@code processes/talk.bpmn}, one talk (谈话) with a unit or one of its people: its
 * key, the ids of its elements and the names of its variables.
 */
public final class TalkProcess {

  public static final String KEY = "talk";

  private TalkProcess() {
  }

  public static String businessKey(long talkId) {
    return "talk-" + talkId;
  }

  /** BPMN element ids, spelled exactly as in the model. */
  public enum Element {
    TalkStarted,
    ArrangeTalk,
    NotifyTalk,
    HoldTalk,
    FollowUpCommitments,
    CommitmentOpen,
    CommitmentReady,
    FulfilCommitment,
    VerifyCommitment,
    VerifiedOrNotYet,
    CommitmentVerified,
    TalkClosed
  }

  /** Process variable names. */
  public static final class Variables {
    /** Input: the unit talked to; the record manual files every completed task of this scope under it. */
    public static final String UNIT_CODE = "unitCode";
    public static final String UNIT_NAME = "unitName";
    /** Start form only: the units the person may start for, by name ({@code [{label, value}]}, value the code). */
    public static final String UNIT_OPTIONS = "unitOptions";
    /** Input: {@link TalkKind} name. */
    public static final String KIND = "kind";
    /** "廉政谈话" etc., for task names and forms. */
    public static final String KIND_LABEL = "kindLabel";
    /**
     * Optional: the login of the person talked to. Given at start by the API or the ladder, or picked (or changed) on
     * the arranging form from {@link #UNIT_PEOPLE}.
     */
    public static final String SUBJECT_USER_ID = "subjectUserId";
    /** The unit's people as the arranging form's list of 谈话对象 (Spin JSON {@code [{label, value}]}, value the login). */
    public static final String UNIT_PEOPLE = "unitPeople";
    /** Input: why the talk is held. */
    public static final String CAUSE = "cause";
    /** Input, set only by the escalation ladder's summons: the {@code summons_requests} row taken up. */
    public static final String SUMMONS_REQUEST_ID = "summonsRequestId";
    /** The {@code talks} row. */
    public static final String TALK_ID = "talkId";
    /** Scheduling: when ("yyyy-MM-ddTHH:mm", district time), where, who attends. */
    public static final String TALK_TIME = "talkTime";
    public static final String PLACE = "place";
    public static final String PARTICIPANTS = "participants";
    /** The scheduled time as a date, for the due date of the minutes; and as text for people. */
    public static final String TALK_AT = "talkAt";
    public static final String TALK_TIME_LABEL = "talkTimeLabel";
    /** Holding: the minutes, and the commitments (a JSON array of {content, dueDate}, the form's dynamic list). */
    public static final String MINUTES = "minutes";
    public static final String COMMITMENTS = "commitments";
    /** The stored commitments' ids, one follow-up each. */
    public static final String COMMITMENT_IDS = "commitmentIds";
    /** Follow-up of one commitment (local to its instance of the multi-instance sub-process). */
    public static final String COMMITMENT_ID = "commitmentId";
    public static final String COMMITMENT_CONTENT = "commitmentContent";
    public static final String COMMITMENT_DUE_LABEL = "commitmentDueLabel";
    /** End of the commitment's due date, the follow-up task's due date (so the escalation ladder takes it up). */
    public static final String COMMITMENT_DUE = "commitmentDue";
    public static final String REPORT = "report";
    /** {@link CommitmentDecision} name. */
    public static final String DECISION = "decision";
    public static final String VERIFICATION_COMMENT = "verificationComment";

    private Variables() {
    }
  }
}
