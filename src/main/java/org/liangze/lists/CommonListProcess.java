package org.liangze.lists;

import org.liangze.organisation.UnitType;

/**
 * Everything the code knows about {@code processes/common-list.bpmn}: its key, the ids of its elements and the
 * names of its variables. Nothing else refers to the model by string.
 */
public final class CommonListProcess {

  public static final String KEY = "commonList";

  private CommonListProcess() {
  }

  /** "common-list-SUBDISTRICT_OR_TOWN-2026": the round's key while it is open (one open round per type and year). */
  public static String businessKey(UnitType type, int year) {
    return "common-list-" + type.name() + "-" + year;
  }

  /** BPMN element ids, spelled exactly as in the model. */
  public enum Element {
    CommonListStarted,
    DraftReady,
    DraftCommonList,
    ReviewCommonList,
    ApprovedOrReturned,
    PublishCommonList,
    CommonListPublished
  }

  /** Process variable names. */
  public static final class Variables {
    /** The unit type the list is for, a {@link UnitType} name. */
    public static final String UNIT_TYPE = "unitType";
    /** The unit type's Chinese name, for task names and forms. */
    public static final String UNIT_TYPE_LABEL = "unitTypeLabel";
    /** The list's year (Integer; normalised by the start event whatever number type it came as). */
    public static final String YEAR = "year";
    /** The draft's row in responsibility_lists (Long). */
    public static final String LIST_ID = "listId";
    /** The draft's items: a JSON array (Spin JSON), the value of the drafting form's dynamic list. */
    public static final String ITEMS = "items";
    /** Who imported the draft from the organisation workbook; absent for a draft the commission starts. */
    public static final String IMPORTED_BY = "importedBy";
    /** Where the pre-filled items came from, shown on the drafting form. */
    public static final String DRAFT_BASIS = "draftBasis";
    /** The submitted items as text, for the reviewer. */
    public static final String DRAFT_SUMMARY = "draftSummary";
    /** What the submitted draft changes against the version before it (last year's), as text for the reviewer. */
    public static final String CHANGES = "changes";
    /** The committee's choice, a {@link ListReviewDecision} name. */
    public static final String DECISION = "decision";
    /** The committee's comments; required when returning, shown to the commission on its drafting form. */
    public static final String REVIEW_COMMENTS = "reviewComments";
    /** What publishing changed against the previous version. */
    public static final String CHANGE_SUMMARY = "changeSummary";

    private Variables() {
    }
  }
}
