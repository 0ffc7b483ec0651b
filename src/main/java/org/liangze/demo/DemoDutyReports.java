package org.liangze.demo;

import java.time.Clock;
import java.time.Year;
import org.liangze.dutyreport.DutyReports;
import org.liangze.organisation.IdentitySync;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo's team members (班子成员) have their year's duty-and-integrity report (述责述廉) to write: the commission
 * starts the year, as it would over the API. Starting a year again starts nobody twice, so a restart changes nothing.
 */
@Component
@Profile("demo")
@Order(IdentitySync.ORDER + 40)
class DemoDutyReports implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoDutyReports.class);

  private final DemoProperties properties;
  private final DemoActors actors;
  private final DutyReports reports;
  private final Clock clock;

  DemoDutyReports(DemoProperties properties, DemoActors actors, DutyReports reports, Clock clock) {
    this.properties = properties;
    this.actors = actors;
    this.reports = reports;
    this.clock = clock;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!properties.startCampaigns()) {
      return;
    }
    String year = String.valueOf(Year.now(clock).getValue());
    DutyReports.Started started = actors.as(DemoTalks.COMMISSION, () -> reports.startYear(year));
    if (started.started() > 0) {
      log.info("Demo duty reports {} started for {} team member(s)", year, started.started());
    }
  }
}
