package org.liangze.report;

import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.liangze.platform.ConflictException;
import org.liangze.platform.InvalidInputException;
import org.liangze.report.HalfYearReportProcess.Variables;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place that starts half-year report campaigns (besides the model's own timer). A half-year has at most
 * one: the start event claims it in {@code report_campaigns}, whose primary key refuses a second however it
 * arrives.
 */
@Service
public class ReportCampaigns {

  private final RuntimeService runtime;
  private final ReportRepository reports;
  private final java.time.Clock clock;

  ReportCampaigns(RuntimeService runtime, ReportRepository reports, java.time.Clock clock) {
    this.runtime = runtime;
    this.reports = reports;
    this.clock = clock;
  }

  public record Started(String period, String processInstanceId) {
  }

  /** Starts a half-year's campaign as the engine's current user, whose authorizations apply. */
  @Transactional
  public Started start(String periodText) {
    HalfYear period = HalfYear.parse(periodText);
    if (reports.campaignExists(period.toString())) {
      throw alreadyStarted(period);
    }
    try {
      return new Started(period.toString(), runtime.startProcessInstanceByMessage(
          HalfYearReportProcess.REQUESTED_MESSAGE, HalfYearReportProcess.businessKey(period),
          Map.of(Variables.PERIOD, period.toString())).getId());
    } catch (CampaignAlreadyStarted | DuplicateKeyException e) {
      throw alreadyStarted(period);
    }
  }

  /**
   * Called by both start events: the on-demand start brings its period; the timer start none, and reports on the
   * half-year that just ended.
   */
  String register(Object periodValue, String processInstanceId, String startedBy) {
    HalfYear period = periodValue == null
        ? HalfYear.endedBefore(clock.instant(), clock.getZone())
        : HalfYear.parse(periodValue.toString());
    try {
      reports.insertCampaign(period.toString(), processInstanceId, startedBy, clock.instant());
    } catch (DuplicateKeyException e) {
      throw new CampaignAlreadyStarted(period);
    }
    return period.toString();
  }

  private static ConflictException alreadyStarted(HalfYear period) {
    return new ConflictException(period.label() + "半年报告已经启动，不能重复启动");
  }

  /** A second start of a half-year, refused inside the engine. */
  static class CampaignAlreadyStarted extends InvalidInputException {
    CampaignAlreadyStarted(HalfYear period) {
      super(period.label() + "半年报告已经启动，不能重复启动");
    }
  }
}
