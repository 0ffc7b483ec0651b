package org.liangze.platform;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/**
 * What a step run by a job knows about its job's earlier attempts. A job that works for several units at once (a
 * batch) asks it to be retried unit by unit after a failure, so that one unit's failure becomes that unit's incident
 * and never holds back the others.
 */
public final class JobRetries {

  private JobRetries() {
  }

  /**
   * Whether the job running the current command has failed before: the engine keeps a failed attempt's exception on
   * the job until it succeeds (its stack trace is stored for every failure, also for an exception without a
   * message). False outside a job.
   */
  public static boolean currentJobFailedBefore() {
    CommandContext command = Context.getCommandContext();
    JobEntity job = command == null ? null : command.getCurrentJob();
    return job != null && (job.getExceptionMessage() != null || job.getExceptionByteArrayId() != null);
  }
}
