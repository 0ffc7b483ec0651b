package org.liangze.demo;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Year;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.liangze.escalation.Escalations;
import org.liangze.letter.LetterCampaigns;
import org.liangze.letter.LetterSigningProcess;
import org.liangze.organisation.Groups;
import org.liangze.organisation.IdentitySync;
import org.liangze.organisation.PersonRepository;
import org.liangze.organisation.Post;
import org.liangze.organisation.Role;
import org.liangze.platform.ConflictException;
import org.liangze.platform.InvalidInputException;
import org.liangze.selfcheck.Quarter;
import org.liangze.selfcheck.SelfCheckCampaigns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo profile's start-up: seeds the district (before identity sync), then starts this year's letter
 * campaign as the district committee, leaves two units' signing overdue, starts the current quarter's self-check as
 * the discipline commission, and prints the demo logins.
 */
@Component
@Profile("demo")
class DemoStartup {

  private static final Logger log = LoggerFactory.getLogger(DemoStartup.class);
  /** Units whose letter the demo leaves overdue, so supervisors have something to chase. */
  static final List<String> OVERDUE_UNITS = List.of("D02", "T02V01");

  private final DemoDistrict district;
  private final DemoProperties properties;
  private final LetterCampaigns campaigns;
  private final SelfCheckCampaigns selfCheckCampaigns;
  private final Escalations escalations;
  private final IdentityService identity;
  private final ManagementService management;
  private final TaskService tasks;
  private final PersonRepository people;
  private final Clock clock;

  DemoStartup(DemoDistrict district, DemoProperties properties, LetterCampaigns campaigns,
      SelfCheckCampaigns selfCheckCampaigns, Escalations escalations, IdentityService identity,
      ManagementService management, TaskService tasks, PersonRepository people, Clock clock) {
    this.district = district;
    this.properties = properties;
    this.campaigns = campaigns;
    this.selfCheckCampaigns = selfCheckCampaigns;
    this.escalations = escalations;
    this.identity = identity;
    this.management = management;
    this.tasks = tasks;
    this.people = people;
    this.clock = clock;
  }

  @Component
  @Profile("demo")
  @Order(IdentitySync.ORDER - 10)
  static class Seed implements ApplicationRunner {
    private final DemoStartup startup;

    Seed(DemoStartup startup) {
      this.startup = startup;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
      startup.district.seedIfEmpty(Year.now(startup.clock).getValue());
    }
  }

  @Component
  @Profile("demo")
  @Order(IdentitySync.ORDER + 10)
  static class Campaigns implements ApplicationRunner {
    private final DemoStartup startup;

    Campaigns(DemoStartup startup) {
      this.startup = startup;
    }

    @Override
    public void run(ApplicationArguments args) {
      if (startup.properties.startCampaigns()) {
        startup.startLetterCampaign(String.valueOf(Year.now(startup.clock).getValue()));
        startup.startSelfCheckCampaign();
        // walk the ladder once now rather than at the first hourly patrol: the overdue letters get their
        // supervision notices and the instances their warning colour before anyone logs in
        startup.escalations.patrol();
      }
    }
  }

  void startLetterCampaign(String year) {
    identity.setAuthentication("quwei", List.of(Groups.DISTRICT_COMMITTEE));
    LetterCampaigns.Started started;
    try {
      started = campaigns.start(year);
    } catch (ConflictException alreadyStarted) {
      return; // a restarted demo keeps the campaign it has
    } finally {
      identity.clearAuthentication();
    }
    // issue the letters now rather than waiting for the job executor, so the demo opens with work in Tasklist
    Job issue = management.createJobQuery().processInstanceId(started.processInstanceId()).singleResult();
    management.executeJob(issue.getId());
    Date overdue = Date.from(clock.instant().minus(Duration.ofDays(3)));
    for (String unit : OVERDUE_UNITS) {
      for (Task task : tasks.createTaskQuery()
          .processDefinitionKey(LetterSigningProcess.KEY)
          .taskCandidateGroup(Groups.of(Role.SECRETARY, unit))
          .list()) {
        task.setDueDate(overdue);
        tasks.saveTask(task);
      }
    }
    log.info("Demo letter campaign {} started; letters of {} are overdue", year, OVERDUE_UNITS);
  }

  /** The current quarter's self-check, so units have it in Tasklist (the job executor opens each unit's). */
  void startSelfCheckCampaign() {
    String quarter = Quarter.of(java.time.LocalDate.now(clock)).toString();
    identity.setAuthentication("jiwei", List.of(Groups.DISCIPLINE_COMMISSION));
    try {
      selfCheckCampaigns.start(quarter);
      log.info("Demo self-check campaign {} started", quarter);
    } catch (ConflictException | InvalidInputException notNow) {
      log.info("Demo self-check campaign {} not started: {}", quarter, notNow.getMessage());
    } finally {
      identity.clearAuthentication();
    }
  }

  @EventListener
  @Order(10)
  void printLogins(ApplicationReadyEvent event) {
    StringBuilder text = new StringBuilder("\n  Demo logins (password: demo)\n    admin                 Camunda 管理员\n");
    people.findAll().forEach(person -> text.append(String.format("    %-21s %s%n", person.userId(),
        person.posts().stream().map(Post::label).collect(java.util.stream.Collectors.joining("、")))));
    log.info(text.toString());
  }
}
