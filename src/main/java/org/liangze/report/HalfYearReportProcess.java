package org.liangze.report;

/**
 * {@code processes/half-year-report.bpmn} (the district campaign) and {@code processes/unit-half-year-report.bpmn}
 * (one unit's report): keys, element ids and variable names.
 */
public final class HalfYearReportProcess {

  public static final String KEY = "halfYearReport";
  public static final String UNIT_KEY = "unitHalfYearReport";
  /** The message that starts a half-year's reports on demand (the timer starts them otherwise). */
  public static final String REQUESTED_MESSAGE = "halfYearReportsRequested";

  private HalfYearReportProcess() {
  }

  public static String businessKey(HalfYear period) {
    return "report-" + period;
  }

  public static String unitBusinessKey(String unitCode, String period) {
    return "report-" + unitCode + "-" + period;
  }

  public enum Element {
    HalfYearEnded,
    ReportsRequested,
    PeriodKnown,
    UnitReports,
    CompileSummary,
    SummaryCompiled,
    UnitReportStarted,
    DraftReport,
    ReadyToEdit,
    EditReport,
    SignReport,
    SignedOrReturned,
    /** Business rule task: review-routing.dmn decides who reviews (organisation.ReviewRouting). */
    RouteReportReview,
    ReviewReport,
    AcceptedOrReturned,
    ReportAccepted
  }

  public static final class Variables {
    /** The half-year, e.g. "2026H1"; given with the start message, or worked out from the clock by the timer. */
    public static final String PERIOD = "period";
    public static final String UNIT_CODE = "unitCode";
    public static final String UNIT_NAME = "unitName";
    public static final String REPORT_ID = "reportId";
    public static final String REPORT_FIGURES = "reportFigures";
    public static final String REPORT_TEXT = "reportText";
    /** SIGN / RETURN by the secretary, ACCEPT / RETURN by the commission. */
    public static final String DECISION = "decision";
    public static final String REVIEW_COMMENTS = "reviewComments";

    private Variables() {
    }
  }
}
