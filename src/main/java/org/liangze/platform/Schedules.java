package org.liangze.platform;

import java.text.ParseException;
import org.camunda.bpm.engine.impl.calendar.CronTimer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * When timers start processes, reached from BPMN as {@code timeCycle="${schedules.quarterlySelfCheck()}"} so that
 * schedules are configured, not written into the models. Each cron expression is checked at start-up: a typo stops
 * the platform instead of silently never firing.
 */
@Component("schedules")
public class Schedules {

  private final String quarterlySelfCheck;
  private final String halfYearReport;
  private final String recordCheckpoint;

  Schedules(@Value("${liangze.self-check.cron:0 0 1 1 1,4,7,10 ?}") String quarterlySelfCheck,
      @Value("${liangze.report.cron:0 0 1 1 1,7 ?}") String halfYearReport,
      @Value("${liangze.record.checkpoint.cron:0 30 0 * * ?}") String recordCheckpoint) {
    this.quarterlySelfCheck = checked("liangze.self-check.cron", quarterlySelfCheck);
    this.halfYearReport = checked("liangze.report.cron", halfYearReport);
    this.recordCheckpoint = checked("liangze.record.checkpoint.cron", recordCheckpoint);
  }

  /** Camunda cron expression of the record manual's signed checkpoints (default: 00:30 every day). */
  public String recordCheckpoint() {
    return recordCheckpoint;
  }

  /** Camunda cron expression of the quarterly self-check campaign (default: 01:00 on each quarter's first day). */
  public String quarterlySelfCheck() {
    return quarterlySelfCheck;
  }

  /** Camunda cron expression of the half-year reports (default: 01:00 on 1 January and 1 July). */
  public String halfYearReport() {
    return halfYearReport;
  }

  private static String checked(String property, String cron) {
    try {
      CronTimer.parse(cron.strip());
      return cron.strip();
    } catch (ParseException | RuntimeException e) {
      throw new IllegalStateException(property + " is not a valid cron expression: " + cron, e);
    }
  }
}
