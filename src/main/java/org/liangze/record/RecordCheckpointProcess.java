package org.liangze.record;

/**
 * Everything the code knows about {@code processes/record-checkpoint.bpmn}: the timer that makes the record
 * manual's signed checkpoint every day ({@code liangze.record.checkpoint.cron}).
 */
public final class RecordCheckpointProcess {

  public static final String KEY = "recordCheckpoint";

  private RecordCheckpointProcess() {
  }

  /** BPMN element ids, spelled exactly as in the model. */
  public enum Element {
    CheckpointDue,
    MakeCheckpoint,
    MadeOrNot,
    CheckpointMade,
    NoSigningKey
  }

  /** Process variable names. */
  public static final class Variables {
    /** Whether a checkpoint was made (Boolean); false without a signing key. */
    public static final String MADE = "made";
    /** The number of the checkpoint made (Long), if one was. */
    public static final String CHECKPOINT_SEQ = "checkpointSeq";
    /** Its Merkle root (String, hex), if one was made. */
    public static final String ROOT_HASH = "rootHash";

    private Variables() {
    }
  }
}
