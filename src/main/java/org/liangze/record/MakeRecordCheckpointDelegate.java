package org.liangze.record;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.liangze.platform.DelegateInputs;
import org.liangze.record.RecordCheckpointProcess.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The daily timer's step: makes a signed checkpoint, or, without a signing key, makes none and says so. */
@DelegateInputs({})
@Component("makeRecordCheckpoint")
class MakeRecordCheckpointDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(MakeRecordCheckpointDelegate.class);

  private final Checkpoints checkpoints;

  MakeRecordCheckpointDelegate(Checkpoints checkpoints) {
    this.checkpoints = checkpoints;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (!checkpoints.canSign()) {
      LOG.warn("No checkpoint made: no signing key configured (LIANGZE_CHECKPOINT_KEY)");
      execution.setVariable(Variables.MADE, false);
      return;
    }
    Checkpoint made = checkpoints.make("system");
    execution.setVariable(Variables.MADE, true);
    execution.setVariable(Variables.CHECKPOINT_SEQ, made.seq());
    execution.setVariable(Variables.ROOT_HASH, made.rootHash());
  }
}
