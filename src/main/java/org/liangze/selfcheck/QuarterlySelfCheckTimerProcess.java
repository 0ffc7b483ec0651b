package org.liangze.selfcheck;

/**
 * Everything the code knows about {@code processes/quarterly-self-check-timer.bpmn}: the timer that starts the
 * quarterly campaign. (Camunda 7 allows no timer start event beside a none start event in one process, so the
 * schedule is a process of its own that starts the campaign through {@link SelfCheckCampaigns}.)
 */
public final class QuarterlySelfCheckTimerProcess {

  public static final String KEY = "quarterlySelfCheckTimer";

  private QuarterlySelfCheckTimerProcess() {
  }

  /** BPMN element ids, spelled exactly as in the model. */
  public enum Element {
    QuarterBegan,
    StartCampaign,
    StartedOrNot,
    CampaignLaunched,
    NothingStarted
  }

  /** Process variable names. */
  public static final class Variables {
    /** The quarter the timer meant to start, e.g. "2026Q1" (String). */
    public static final String QUARTER = "quarter";
    /** Whether it started the campaign (Boolean); false if it was started before or there is no list yet. */
    public static final String STARTED = "started";
    /** The campaign instance it started (String), if it did. */
    public static final String CAMPAIGN_ID = "campaignProcessInstanceId";

    private Variables() {
    }
  }
}
