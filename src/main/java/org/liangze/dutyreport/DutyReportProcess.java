package org.liangze.dutyreport;

/**
 * Everything the code knows about {@code processes/duty-report.bpmn}, a team member's yearly duty-and-integrity
 * report (述责述廉): its key, the ids of its elements and the names of its variables.
 */
public final class DutyReportProcess {

  public static final String KEY = "dutyReport";

  private DutyReportProcess() {
  }

  public static String businessKey(int year, String unitCode, String userId) {
    return "duty-report-" + year + "-" + unitCode + "-" + userId;
  }

  /** BPMN element ids, spelled exactly as in the model. */
  public enum Element {
    DutyReportStarted,
    ReportReady,
    WriteDutyReport,
    ReviewDutyReport,
    AcceptedOrReturned,
    DutyReportAccepted
  }

  /** Process variable names. */
  public static final class Variables {
    public static final String YEAR = "year";
    public static final String UNIT_CODE = "unitCode";
    public static final String UNIT_NAME = "unitName";
    /** The team member who reports (a login): the writing task's assignee. */
    public static final String MEMBER_ID = "memberId";
    public static final String MEMBER_NAME = "memberName";
    /** The report's row in duty_reports (Long). */
    public static final String REPORT_ID = "reportId";
    /** The items of the member's area (分管领域) as text, shown read-only while writing. */
    public static final String AREA_ITEMS = "areaItems";
    /** The report's text. */
    public static final String REPORT = "report";
    /** The secretary's choice: APPROVE or RETURN. */
    public static final String DECISION = "decision";
    /** The secretary's comments; required when returning, shown to the member. */
    public static final String REVIEW_COMMENTS = "reviewComments";

    private Variables() {
    }
  }
}
