package org.liangze.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.Groups;
import org.liangze.organisation.IdentitySync;
import org.liangze.report.HalfYearReportProcess.Element;
import org.liangze.report.HalfYearReportProcess.Variables;
import org.liangze.support.ActAs;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two reviewers accept two units' half-year reports at the same moment, on PostgreSQL: both acceptances succeed;
 * and the district summary of a thousand units' reports is kept whole.
 * Each unit's report is a call of the district's multi-instance; its end used to update the multi-instance in the
 * reviewer's own transaction, so the second of two simultaneous acceptances failed with an optimistic-locking
 * error in Tasklist (42 of 200 in the simulated year). The call now leaves through a job of its own (asyncAfter),
 * which the job executor retries.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class HalfYearAcceptancesPostgresTest {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }

  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired ReportCampaigns campaigns;
  @Autowired IdentityService identity;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired ActAs actAs;
  @Autowired ReportRepository reports;

  @BeforeEach
  void district() throws IOException {
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2037-07-02T02:00:00Z")));
  }

  @AfterEach
  void reset() {
    ClockUtil.reset();
    identity.clearAuthentication();
  }

  @Test
  void twoReviewersAcceptingAtTheSameMomentBothSucceed() throws Exception {
    identity.setAuthentication("jiwei", List.of(Groups.DISCIPLINE_COMMISSION));
    String campaign;
    try {
      campaign = campaigns.start("2037H1").processInstanceId();
    } finally {
      identity.clearAuthentication();
    }
    runJobs();
    // two units directly under the district: the commission reviews both
    List<String> codes = List.of("D01", "T01");
    List<ProcessInstance> units = codes.stream().map(this::unitInstance).toList();
    for (int i = 0; i < codes.size(); i++) {
      String login = codes.get(i).toLowerCase();
      actAs.complete(login + "staff", task(units.get(i), Element.EditReport), Map.of(Variables.REPORT_TEXT, "报告正文"));
      actAs.complete(login + "sec", task(units.get(i), Element.SignReport), Map.of(Variables.DECISION, "SIGN"));
    }
    List<Task> reviews = units.stream().map(unit -> task(unit, Element.ReviewReport)).toList();

    CountDownLatch ready = new CountDownLatch(reviews.size());
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService reviewers = Executors.newFixedThreadPool(reviews.size());
    try {
      List<Future<Object>> accepted = reviews.stream().map(review -> reviewers.submit(() -> {
        ready.countDown();
        go.await();
        actAs.complete("jiwei", review, Map.of(Variables.DECISION, "ACCEPT"));
        return (Object) review.getId();
      })).toList();
      assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
      go.countDown();
      for (Future<Object> acceptance : accepted) {
        acceptance.get(60, TimeUnit.SECONDS); // throws if the acceptance failed
      }
    } finally {
      reviewers.shutdownNow();
    }

    for (ProcessInstance unit : units) {
      assertThat(runtime.createProcessInstanceQuery().processInstanceId(unit.getId()).count())
          .as("the unit's report is accepted and ended").isZero();
    }
    runJobs();
    assertThat(management.createJobQuery().processInstanceId(campaign).withException().count()).isZero();
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(campaign).count())
        .as("the district's reports wait for the other units").isEqualTo(1);
  }

  @Test
  void aDistrictSummaryOfAThousandUnitsIsKept() {
    // a thousand units' reports: over a million characters (varchar(200000) failed the summary job at 1,000 units)
    identity.setAuthentication("jiwei", List.of(Groups.DISCIPLINE_COMMISSION));
    try {
      campaigns.start("2038H1");
    } finally {
      identity.clearAuthentication();
    }
    String summary = "2038年上半年全区两个责任落实情况汇总。".repeat(60_000);
    reports.insertSummary("2038H1", summary, Instant.parse("2038-07-05T02:00:00Z"));
    assertThat(reports.summary("2038H1")).hasValueSatisfying(kept -> assertThat(kept).hasSize(summary.length()));
  }

  private void runJobs() {
    for (List<Job> jobs = executable(); !jobs.isEmpty(); jobs = executable()) {
      jobs.forEach(job -> management.executeJob(job.getId()));
    }
  }

  private List<Job> executable() {
    return management.createJobQuery().withRetriesLeft().messages().list();
  }

  private ProcessInstance unitInstance(String unit) {
    return runtime.createProcessInstanceQuery()
        .processInstanceBusinessKey(HalfYearReportProcess.unitBusinessKey(unit, "2037H1")).singleResult();
  }

  private Task task(ProcessInstance instance, Element element) {
    return tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(element.name())
        .singleResult();
  }
}
