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
    /** The campaign's units in batches: a parallel multi-instance sub-process, one job (transaction) per batch. */
    UnitBatches,
    BatchStarted,
    /** Whether the batch's job failed before: then its units are started one by one. */
    BatchFailedBefore,
    /** A batch's units: a parallel multi-instance call activity, started in the batch's transaction. */
    UnitSelfChecks,
    /**
     * The units of a batch whose job failed before: the same call activity, asynchronous before each unit, so that
     * each unit opens in a job of its own and a failing unit is that unit's incident.
     */
    UnitSelfChecksOneByOne,
    BatchUnitsStarted,
    BatchChecked,
    AllUnitsChecked;

    /** The id of the element's multi-instance body, as Camunda names its jobs, job definitions and activities. */
    public String multiInstanceBody() {
      return name() + "#multiInstanceBody";
    }
  }

  /** Process variable names. */
  public static final class Variables {
    /** The quarter checked, e.g. "2026Q4" (String; normalised by the start event). */
    public static final String QUARTER = "quarter";
    /**
     * A batch of the campaign's units, the outer multi-instance element variable: their codes joined by commas
     * (String; {@link SelfCheckCampaigns#unitBatches}, {@link SelfCheckCampaigns#unitsOf}).
     */
    public static final String UNIT_BATCH = "unitBatch";
    /** A unit's code, the inner multi-instance element variable. */
    public static final String UNIT_CODE = "unitCode";

    private Variables() {
    }
  }
}
