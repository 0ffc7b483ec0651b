package org.liangze.clue;

/**
 * Everything the code knows about {@code processes/clue.bpmn}, one problem clue (问题线索): registered by the
 * discipline commission from a complaint or report (信访举报) or an inspection finding, triaged by the commission,
 * then opened as an accountability case or closed with a reason. Its key, element ids and variable names.
 */
public final class ClueProcess {

  public static final String KEY = "clue";

  private ClueProcess() {
  }

  /** "clue-<id>": every clue is found by its row. */
  public static String businessKey(long clueId) {
    return "clue-" + clueId;
  }

  public enum Element {
    ClueReceived,
    TriageClue,
    TriageDecided,
    OpenCase,
    CaseOpened,
    ClueClosed
  }

  public static final class Variables {

    // the start form
    /** COMPLAINT (信访举报) or INSPECTION (巡察检查发现). */
    public static final String SOURCE = "source";
    public static final String TITLE = "title";
    public static final String CONTENT = "content";
    /** Who reported it; empty for an anonymous report. */
    public static final String REPORTER = "reporter";

    // set at registration, read by the triage form and the task's name
    public static final String CLUE_ID = "clueId";
    /** "问题线索第N号：title", the triage task's and form's heading. */
    public static final String CLUE_LABEL = "clueLabel";
    public static final String SOURCE_LABEL = "sourceLabel";
    public static final String REPORTER_LABEL = "reporterLabel";
    /** The active units as the triage form's select options ({label, value} in JSON). */
    public static final String UNIT_OPTIONS = "unitOptions";

    // the triage form
    /** OPEN_CASE (立案问责) or CLOSE (予以了结). */
    public static final String DECISION = "decision";
    /**
     * The unit the clue concerns (被反映单位), picked from {@link #UNIT_OPTIONS}. Not {@code unitCode}: that names the
     * unit whose own work a task is (its record manual, its overdue work), and triage is the commission's work.
     */
    public static final String UNIT_CODE = "reportedUnitCode";
    /** The case's cause; the clue's title when left empty. */
    public static final String CAUSE = "cause";
    public static final String CLOSE_REASON = "closeReason";

    /** The accountability case opened from the clue. */
    public static final String CASE_ID = "caseId";

    private Variables() {
    }
  }
}
