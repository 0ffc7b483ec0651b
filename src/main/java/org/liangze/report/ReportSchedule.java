package org.liangze.report;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** When half-year reports start, reached from the model's timer as {@code ${reportSchedule.halfYear()}}. */
@Component("reportSchedule")
public class ReportSchedule {

  private final String cron;

  ReportSchedule(@Value("${liangze.report.cron:0 0 1 1 1,7 ?}") String cron) {
    this.cron = cron;
  }

  /** A cron expression; by default 01:00 on 1 January and 1 July, for the half-year just ended. */
  public String halfYear() {
    return cron;
  }
}
