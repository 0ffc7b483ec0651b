package org.liangze.selfcheck;

/**
 * Everything the code knows about {@code processes/quarterly-self-check.bpmn}, the district campaign: its key, the
 * ids of its elements and the names of its variables. Nothing else refers to the model by string.
 */
public final class QuarterlySelfCheckProcess {

  public static final String KEY = "quarterlySelfCheck";

  private QuarterlySelfCheckProcess() {
  }

  public static String businessKey(Quarter quarter) {
    return "selfcheck-" + quarter;
  }

  /** BPMN element ids, spelled exactly as in the model. */
  public enum Element {
    CampaignStarted,
    UnitSelfChecks,
    AllUnitsChecked
  }

  /** Process variable names. */
  public static final class Variables {
    /** The quarter checked, e.g. "2026Q4" (String; normalised by the start event). */
    public static final String QUARTER = "quarter";
    /** A unit's code, the multi-instance element variable. */
    public static final String UNIT_CODE = "unitCode";

    private Variables() {
    }
  }
}
