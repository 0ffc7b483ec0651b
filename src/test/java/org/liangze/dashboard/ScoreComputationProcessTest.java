package org.liangze.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.liangze.dashboard.ScoreComputationProcess.Element;
import org.liangze.dashboard.ScoreComputationProcess.Variables;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.UnitRepository;
import org.liangze.record.EntryKind;
import org.liangze.record.NewEntry;
import org.liangze.record.RecordManual;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;

/**
 * The score computation job ({@code processes/score-computation.bpmn}) on the embedded default database (H2), with
 * pages of two units so that the district takes several jobs: the first run sweeps every unit and ranks the periods;
 * a later run takes up only the units marked since; a run with nothing marked ends after one empty page. Process test
 * coverage must reach every flow node and flow.
 */
@SpringBootTest(properties = "liangze.scoring.job.page-size=2")
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Import({ProcessEngineCoverageConfiguration.class, ScoreComputationProcessTest.FullCoverage.class})
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class ScoreComputationProcessTest {

  @TestConfiguration
  static class FullCoverage {
    @Bean
    ProcessEngineCoverageProperties processEngineCoverageProperties() {
      return ProcessEngineCoverageProperties.Companion.builder().assertClassCoverageAtLeast(1.0).build();
    }
  }

  /** 10:00 on 20 August 2026 in Beijing: 2026Q3. */
  static final Instant NOW = Instant.parse("2026-08-20T02:00:00Z");

  @Autowired DemoDistrict district;
  @Autowired UnitRepository units;
  @Autowired RecordManual manual;
  @Autowired Scores scores;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired JdbcClient jdbc;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void theJobScoresTheDistrictPageByPageThenOnlyWhatChanged() throws IOException {
    ClockUtil.setCurrentTime(Date.from(NOW));
    district.seedIfEmpty(2026);
    int active = units.findAllActive().size();
    assertThat(active).isGreaterThan(2);

    String first = runJob();
    assertThat(variable(first, Variables.SWEPT)).isEqualTo(true);
    assertThat(pages(first)).as("pages of two units").isEqualTo((active + 1) / 2);
    for (String period : List.of("2026Q3", "2026Q2", "2026")) {
      List<UnitScore> stored = scores.stored(Period.parse(period));
      assertThat(stored).as(period).hasSize(active);
      assertThat(stored).allSatisfy(s -> assertThat(s.rankInType()).isBetween(1, s.unitsInType()));
    }
    assertThat(endedAt(first)).isEqualTo(Element.ScoresComputed.name());

    // one unit's record changes: the next run computes that unit alone, in one page
    ClockUtil.setCurrentTime(Date.from(NOW.plusSeconds(60)));
    manual.append(new NewEntry("T01", EntryKind.STUDY, null, "t01staff", NOW, "集中学习党章", null, null, null,
        List.of()));
    String second = runJob();
    assertThat(variable(second, Variables.SWEPT)).isEqualTo(false);
    assertThat(pages(second)).isEqualTo(1);
    assertThat(jdbc.sql("select distinct unit_code from unit_scores where computed_at > ?")
        .param(java.sql.Timestamp.from(NOW)).query(String.class).list()).containsExactly("T01");

    // nothing marked: one empty page, nothing written
    ClockUtil.setCurrentTime(Date.from(NOW.plusSeconds(120)));
    String third = runJob();
    assertThat(pages(third)).isEqualTo(1);
    assertThat(jdbc.sql("select count(*) from unit_scores where computed_at > ?")
        .param(java.sql.Timestamp.from(NOW.plusSeconds(60))).query(Long.class).single()).isZero();
  }

  private String runJob() {
    var earlier = history.createHistoricProcessInstanceQuery().processDefinitionKey(ScoreComputationProcess.KEY)
        .list().stream().map(i -> i.getId()).toList();
    Job timer = management.createJobQuery().timers().processDefinitionKey(ScoreComputationProcess.KEY)
        .singleResult();
    management.executeJob(timer.getId());
    String instance = history.createHistoricProcessInstanceQuery().processDefinitionKey(ScoreComputationProcess.KEY)
        .list().stream().map(i -> i.getId()).filter(id -> !earlier.contains(id)).findFirst().orElseThrow();
    for (int round = 0; round < 100; round++) {
      List<Job> jobs = management.createJobQuery().processInstanceId(instance).messages().list();
      if (jobs.isEmpty()) {
        break;
      }
      jobs.forEach(job -> management.executeJob(job.getId()));
    }
    return instance;
  }

  private long pages(String instance) {
    return history.createHistoricActivityInstanceQuery().processInstanceId(instance)
        .activityId(Element.ComputePage.name()).count();
  }

  private Object variable(String instance, String name) {
    return history.createHistoricVariableInstanceQuery().processInstanceId(instance).variableName(name)
        .singleResult().getValue();
  }

  private String endedAt(String instance) {
    return history.createHistoricActivityInstanceQuery().processInstanceId(instance).activityType("noneEndEvent")
        .singleResult().getActivityId();
  }
}
