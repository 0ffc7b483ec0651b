package org.liangze.platform;

import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;

/**
 * Camunda's exclusive lock — the row lock of {@code ACT_GE_PROPERTY} that deployments take — held until the caller's
 * transaction commits: what follows runs on one node at a time, and a node that waited finds the first one's work
 * committed. The identity sync and the shared Tasklist filters take it, so that nodes starting together on a new
 * database neither create the same groups nor save the same filters twice.
 */
public final class EngineExclusiveLock {

  private EngineExclusiveLock() {
  }

  /** Takes the lock in the current transaction (the executor must join it: Camunda's "tx required" executor). */
  public static void holdUntilCommit(CommandExecutor commands) {
    commands.execute(context -> {
      context.getPropertyManager().acquireExclusiveLock();
      return null;
    });
  }
}
