package org.liangze.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.Test;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.organisation.UnitType;
import org.liangze.record.RecordCheckpointProcess.Element;
import org.liangze.record.RecordCheckpointProcess.Variables;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestExecutionListeners;

/**
 * The daily checkpoint timer ({@code processes/record-checkpoint.bpmn}) on the embedded default database: with a
 * signing key it makes a checkpoint, without one it makes none and ends quietly; the timer keeps its schedule.
 * The checkpoint tables are append-only on H2 too. Process test coverage must reach every flow node and flow.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Import({ProcessEngineCoverageConfiguration.class, RecordCheckpointProcessTest.FullCoverage.class})
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class RecordCheckpointProcessTest {

  @TestConfiguration
  static class FullCoverage {
    @Bean
    ProcessEngineCoverageProperties processEngineCoverageProperties() {
      return ProcessEngineCoverageProperties.Companion.builder().assertClassCoverageAtLeast(1.0).build();
    }
  }

  static final Path KEY;

  static {
    try {
      KEY = Files.createTempDirectory("liangze-checkpoint-timer").resolve("key.pem");
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @DynamicPropertySource
  static void key(DynamicPropertyRegistry registry) {
    registry.add("liangze.record.checkpoint.key-file", KEY::toString);
  }

  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired Checkpoints checkpoints;
  @Autowired RecordManual manual;
  @Autowired UnitRepository units;
  @Autowired ChainVerifier verifier;
  @Autowired JdbcTemplate jdbc;

  @Test
  void withAKeyTheTimerMakesACheckpointAndKeepsItsSchedule() throws IOException {
    if (!Files.exists(KEY)) {
      CheckpointKeys.write(KEY, CheckpointKeys.generate(), null);
    }
    units.insert(new Unit("TM01", "定时检查点测试单位", UnitType.DISTRICT_DEPARTMENT, null));
    RecordEntry entry = manual.append(new NewEntry("TM01", EntryKind.STUDY, null, "tm01staff", Instant.now(),
        "廉政学习", null, null, null, null));
    long before = checkpoints.list().size();

    String instance = fireTimer();

    assertThat(endedAt(instance)).isEqualTo(Element.CheckpointMade.name());
    Checkpoint made = checkpoints.latest().orElseThrow();
    assertThat(checkpoints.list()).hasSize((int) before + 1);
    assertThat(made.madeBy()).isEqualTo("system");
    assertThat(variable(instance, Variables.CHECKPOINT_SEQ)).isEqualTo(made.seq());
    assertThat(variable(instance, Variables.ROOT_HASH)).isEqualTo(made.rootHash());
    assertThat(checkpoints.coverage("TM01")).get().extracting(Checkpoints.Coverage::coveredSeq)
        .isEqualTo(entry.seq());
    assertThat(verifier.verify("TM01").checkpoint()).isEqualTo(made.seq());
    assertThat(timer()).as("the next day's timer").isNotNull();

    // the checkpoint tables refuse changes on H2 as on PostgreSQL
    assertThatThrownBy(() -> jdbc.update("update record_checkpoints set root_hash = 'x' where seq = ?", made.seq()))
        .hasStackTraceContaining("record_checkpoints is append-only");
    assertThatThrownBy(() -> jdbc.update("delete from record_checkpoint_heads where checkpoint_seq = ?", made.seq()))
        .hasStackTraceContaining("record_checkpoint_heads is append-only");
  }

  @Test
  void withoutAKeyTheTimerMakesNoneAndEndsQuietly() throws IOException {
    byte[] key = Files.exists(KEY) ? Files.readAllBytes(KEY) : null;
    Files.deleteIfExists(KEY);
    try {
      long before = checkpoints.list().size();
      assertThat(checkpoints.canSign()).isFalse();
      assertThatThrownBy(() -> checkpoints.make("jiwei")).hasMessageContaining("未配置检查点签名密钥");

      String instance = fireTimer();

      assertThat(endedAt(instance)).isEqualTo(Element.NoSigningKey.name());
      assertThat(variable(instance, Variables.MADE)).isEqualTo(false);
      assertThat(checkpoints.list()).hasSize((int) before);
      assertThat(timer()).isNotNull();
    } finally {
      if (key != null) {
        Files.write(KEY, key);
      }
    }
  }

  private Job timer() {
    return management.createJobQuery().timers().processDefinitionKey(RecordCheckpointProcess.KEY).singleResult();
  }

  /** Runs the timer's job; returns the process instance it started (it ends in the same job). */
  private String fireTimer() {
    Job job = timer();
    var before = history.createHistoricProcessInstanceQuery().processDefinitionKey(RecordCheckpointProcess.KEY)
        .list().stream().map(instance -> instance.getId()).toList();
    management.executeJob(job.getId());
    var started = history.createHistoricProcessInstanceQuery().processDefinitionKey(RecordCheckpointProcess.KEY)
        .list().stream().map(instance -> instance.getId()).filter(id -> !before.contains(id)).toList();
    assertThat(started).hasSize(1);
    return started.get(0);
  }

  private String endedAt(String instance) {
    return history.createHistoricActivityInstanceQuery().processInstanceId(instance).activityType("noneEndEvent")
        .singleResult().getActivityId();
  }

  private Object variable(String instance, String name) {
    return history.createHistoricVariableInstanceQuery().processInstanceId(instance).variableName(name)
        .singleResult().getValue();
  }
}
