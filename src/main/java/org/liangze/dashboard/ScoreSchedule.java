package org.liangze.dashboard;

import org.springframework.stereotype.Component;

/** When the score computation job runs, reached from its model's timer as {@code ${scoreSchedule.cron()}}. */
@Component("scoreSchedule")
public class ScoreSchedule {

  private final ScoreJobProperties properties;

  ScoreSchedule(ScoreJobProperties properties) {
    this.properties = properties;
  }

  /** Camunda cron expression ({@code liangze.scoring.job.cron}; default every ten minutes). */
  public String cron() {
    return properties.cron();
  }
}
