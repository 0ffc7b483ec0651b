package org.liangze.dashboard;

import java.text.ParseException;
import java.time.Duration;
import org.camunda.bpm.engine.impl.calendar.CronTimer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The score computation job ({@code processes/score-computation.bpmn}, README "Scoring").
 *
 * @param cron when the job runs (Camunda cron: seconds minutes hours day-of-month month day-of-week); it takes up
 *     the units whose records changed since its last run
 * @param pageSize units computed per transaction (a job of their own)
 * @param sweepEvery how old the oldest score of the current quarter may grow before the job recomputes every unit of
 *     the current and the previous quarter (and their years) anyway
 */
@ConfigurationProperties("liangze.scoring.job")
public record ScoreJobProperties(
    @DefaultValue("0 */10 * * * ?") String cron,
    @DefaultValue("200") int pageSize,
    @DefaultValue("PT24H") Duration sweepEvery) {

  public ScoreJobProperties {
    try {
      CronTimer.parse(cron.strip());
    } catch (ParseException | RuntimeException e) {
      throw new IllegalStateException("liangze.scoring.job.cron is not a valid cron expression: " + cron, e);
    }
    cron = cron.strip();
    if (pageSize < 1 || pageSize > 5_000) {
      throw new IllegalArgumentException("liangze.scoring.job.page-size must be 1-5000");
    }
    if (sweepEvery.isNegative() || sweepEvery.isZero()) {
      throw new IllegalArgumentException("liangze.scoring.job.sweep-every must be positive");
    }
  }
}
