package org.liangze.platform;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;

/**
 * The end listener of a user task that checks and records what the task's form submitted. A user task also ends
 * when its instance is cancelled (deleted, an interrupting boundary event, a modification); then nothing was
 * submitted and {@link #completed} is not called.
 */
public abstract class CompletionListener implements ExecutionListener {

  @Override
  public final void notify(DelegateExecution execution) {
    if (!execution.isCanceled()) {
      completed(execution);
    }
  }

  /** The task was completed: check and record what it submitted (an {@link InvalidInputException} refuses it). */
  protected abstract void completed(DelegateExecution execution);
}
