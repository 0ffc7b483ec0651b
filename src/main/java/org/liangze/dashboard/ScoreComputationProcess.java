package org.liangze.dashboard;

/**
 * Everything the code knows about {@code processes/score-computation.bpmn}: the timer ({@code
 * liangze.scoring.job.cron}) that computes the stale unit scores a page of units per job, then ranks the periods it
 * touched. The dashboard's GET requests only read what it stored.
 */
public final class ScoreComputationProcess {

  public static final String KEY = "scoreComputation";

  private ScoreComputationProcess() {
  }

  /** BPMN element ids, spelled exactly as in the model. */
  public enum Element {
    ComputationDue,
    PlanComputation,
    PageDue,
    ComputePage,
    MorePages,
    RankScores,
    ScoresComputed
  }

  /** Process variable names. */
  public static final class Variables {
    /** The newest mark the run takes up (Long); later marks are left to the next run. */
    public static final String UP_TO_MARK = "upToMark";
    /** Whether the plan swept the district (Boolean): every unit of the current and previous quarter marked. */
    public static final String SWEPT = "swept";
    /** Whether marked units are left after a page (Boolean). */
    public static final String MORE_PAGES = "morePages";
    /** When the run started (Date): the periods scored since then are the ones to rank. */
    public static final String STARTED_AT = "startedAt";

    private Variables() {
    }
  }
}
