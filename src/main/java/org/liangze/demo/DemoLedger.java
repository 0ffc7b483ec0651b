package org.liangze.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.liangze.organisation.Groups;
import org.liangze.organisation.IdentitySync;
import org.liangze.organisation.Official;
import org.liangze.organisation.Role;
import org.liangze.rectification.InspectionFindings;
import org.liangze.rectification.RectificationLedger;
import org.liangze.rectification.RectificationProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo's rectification ledger: the commission enters two inspection findings for D02 and its secretary plans
 * them as two rows with owners and deadlines, so the ledger pages and Tasklist have something to show. Once.
 */
@Component
@Profile("demo")
@Order(IdentitySync.ORDER + 5)
class DemoLedger implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoLedger.class);
  static final String UNIT = "D02";

  private final DemoProperties properties;
  private final InspectionFindings inspections;
  private final RectificationLedger ledger;
  private final IdentityService identity;
  private final TaskService tasks;
  private final Clock clock;

  DemoLedger(DemoProperties properties, InspectionFindings inspections, RectificationLedger ledger,
      IdentityService identity, TaskService tasks, Clock clock) {
    this.properties = properties;
    this.inspections = inspections;
    this.ledger = ledger;
    this.identity = identity;
    this.tasks = tasks;
    this.clock = clock;
  }

  @Override
  public void run(ApplicationArguments args) {
    Official commission = Official.of("jiwei", List.of(Groups.DISCIPLINE_COMMISSION));
    if (!properties.startCampaigns() || !ledger.unitLedger(commission, UNIT, RectificationLedger.Filter.ALL)
        .isEmpty()) {
      return;
    }
    LocalDate today = LocalDate.now(clock);
    InspectionFindings.Started started;
    identity.setAuthentication("jiwei", List.of(Groups.DISCIPLINE_COMMISSION));
    try {
      started = inspections.enter(UNIT, new InspectionFindings.Request("区委第一轮巡察",
          List.of("工程项目招投标监管不严", "住房保障资格复核不及时"), today.plusDays(90).toString()));
    } finally {
      identity.clearAuthentication();
    }
    Task plan = tasks.createTaskQuery().processInstanceId(started.processInstanceId()).singleResult();
    identity.setAuthentication("d02sec", List.of(Groups.of(Role.SECRETARY, UNIT)));
    try {
      tasks.complete(plan.getId(), Map.of(RectificationProcess.Variables.LEDGER_ROWS, SpinValues.jsonValue("""
          [{"problem":"工程项目招投标监管不严","measure":"修订招投标监管办法，重点项目全程纪实","ownerId":"d02staff",
            "deadline":"%s"},
           {"problem":"住房保障资格复核不及时","measure":"建立季度复核台账，逐户复核","ownerId":"d02sec",
            "deadline":"%s"}]""".formatted(today.plusDays(30), today.plusDays(90))).create()));
    } finally {
      identity.clearAuthentication();
    }
    log.info("Demo rectification ledger of {} planned: two rows", UNIT);
  }
}
