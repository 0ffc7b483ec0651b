package org.liangze.lists;

/**
 * Everything the code knows about {@code processes/list-formulation.bpmn}: its key, the ids of its elements and
 * the names of its variables. Nothing else refers to the model by string.
 */
public final class ListFormulationProcess {

  public static final String KEY = "listFormulation";

  private ListFormulationProcess() {
  }

  public static String businessKey(String unitCode, int year) {
    return "list-" + unitCode + "-" + year;
  }

  /** BPMN element ids, spelled exactly as in the model. */
  public enum Element {
    FormulationStarted,
    DraftReady,
    DraftList,
    CheckListQuality,
    /** Business rule task: review-routing.dmn decides who reviews (organisation.ReviewRouting). */
    RouteListReview,
    ReviewList,
    ApprovedOrReturned,
    PublishList,
    ListPublished
  }

  /** Process variable names. */
  public static final class Variables {
    public static final String UNIT_CODE = "unitCode";
    public static final String UNIT_NAME = "unitName";
    /** Start form only: the units the person may start for, by name ({@code [{label, value}]}, value the code). */
    public static final String UNIT_OPTIONS = "unitOptions";
    /** The list's year (Integer; normalised by the start event whatever number type it came as). */
    public static final String YEAR = "year";
    /** The draft's row in responsibility_lists (Long). */
    public static final String LIST_ID = "listId";
    /** The draft's items: a JSON array (Spin JSON), the value of the drafting form's dynamic list. */
    public static final String ITEMS = "items";
    /** Where the pre-filled items came from, shown on the drafting form. */
    public static final String DRAFT_BASIS = "draftBasis";
    /** The year's common list as text: carried by every unit, shown read-only, not removable. */
    public static final String COMMON_LIST = "commonList";
    /**
     * The unit's people as the drafting form's list of 责任人 (Spin JSON: {@code [{label, value}]}, the label "name
     * (posts)", the value the login); set by the start event.
     */
    public static final String UNIT_PEOPLE = "unitPeople";
    /** The unit's secretary and team members as the drafting form's list of 责任领导 (as {@link #UNIT_PEOPLE}). */
    public static final String UNIT_LEADERS = "unitLeaders";
    /** An item's 责任人 in the drafting form's dynamic list (a login, picked from {@link #UNIT_PEOPLE}). */
    public static final String ITEM_RESPONSIBLE_PERSON = "responsiblePerson";
    /** An item's 责任领导 in the drafting form's dynamic list (a login, picked from {@link #UNIT_LEADERS}). */
    public static final String ITEM_RESPONSIBLE_LEADER = "responsibleLeader";
    /** The submitted items as text, for the reviewer. */
    public static final String DRAFT_SUMMARY = "draftSummary";
    /** The quality checks' findings as short Chinese text, read-only on the review form. */
    public static final String QUALITY_REPORT = "qualityReport";
    /** How many findings the checks made (Integer). */
    public static final String QUALITY_FLAG_COUNT = "qualityFlagCount";
    /** The commission's choice, a {@link ListReviewDecision} name. */
    public static final String DECISION = "decision";
    /** The commission's comments; required when returning, shown to the unit on its drafting form. */
    public static final String REVIEW_COMMENTS = "reviewComments";
    /** What publishing changed against the previous version. */
    public static final String CHANGE_SUMMARY = "changeSummary";

    private Variables() {
    }
  }
}
