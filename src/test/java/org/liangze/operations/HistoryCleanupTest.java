package org.liangze.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.organisation.UnitType;
import org.liangze.record.EntryKind;
import org.liangze.record.NewEntry;
import org.liangze.record.RecordEntry;
import org.liangze.record.RecordManual;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Camunda's history has a lifetime (historyTimeToLive on every model, a nightly cleanup window), the record manual
 * does not: cleanup removes a finished instance's history and leaves the platform's tables alone.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class HistoryCleanupTest {

  @Autowired ProcessEngineConfigurationImpl engineConfiguration;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired ManagementService management;
  @Autowired RecordManual manual;
  @Autowired UnitRepository units;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void theEngineCleansUpHistoryInANightlyWindow() {
    assertThat(engineConfiguration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
    assertThat(engineConfiguration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
    assertThat(engineConfiguration.getHistoryCleanupStrategy())
        .isEqualTo(ProcessEngineConfigurationImpl.HISTORY_CLEANUP_STRATEGY_REMOVAL_TIME_BASED);
    assertThat(engineConfiguration.getHistoryRemovalTimeStrategy())
        .isEqualTo(ProcessEngineConfigurationImpl.HISTORY_REMOVAL_TIME_STRATEGY_END);
    assertThat(engineConfiguration.isHistoryCleanupEnabled()).isTrue();
  }

  @Test
  void everyDeployedDefinitionHasAHistoryTimeToLive() {
    var processes = repository.createProcessDefinitionQuery().list();
    assertThat(processes).isNotEmpty();
    assertThat(processes).allSatisfy(definition -> assertThat(definition.getHistoryTimeToLive())
        .as("historyTimeToLive of %s", definition.getKey()).isNotNull().isPositive());
    var decisions = repository.createDecisionDefinitionQuery().list();
    assertThat(decisions).allSatisfy(definition -> assertThat(definition.getHistoryTimeToLive())
        .as("historyTimeToLive of %s", definition.getKey()).isNotNull().isPositive());
    assertThat(processes).extracting(ProcessDefinition::getKey).contains("escalationPatrol", "letterSigning");
    assertThat(decisions).extracting(DecisionDefinition::getKey).isNotEmpty();
  }

  @Test
  void cleanupRemovesExpiredHistoryButKeepsTheRecordManual() {
    if (units.findByCode("HC01").isEmpty()) {
      units.insert(new Unit("HC01", "历史清理测试单位", UnitType.DISTRICT_DEPARTMENT, null));
    }
    BpmnModelInstance model = Bpmn.createExecutableProcess("historyCleanupProbe").name("历史清理探针")
        .camundaHistoryTimeToLive(1)
        .startEvent().name("开始").endEvent().name("结束").done();
    repository.createDeployment().name("history-cleanup-probe").addModelInstance("history-cleanup-probe.bpmn", model)
        .deploy();

    ProcessInstance instance = runtime.startProcessInstanceByKey("historyCleanupProbe", "HC01-probe");
    HistoricProcessInstance finished = history.createHistoricProcessInstanceQuery()
        .processInstanceId(instance.getId()).singleResult();
    assertThat(finished.getEndTime()).isNotNull();
    assertThat(finished.getRemovalTime()).isNotNull();
    RecordEntry entry = manual.append(new NewEntry("HC01", EntryKind.OTHER, null, "hc01staff", Instant.now(),
        "流程已办结", null, instance.getId(), null, null));

    // two days later, the one-day time-to-live has run out
    ClockUtil.setCurrentTime(new Date(finished.getRemovalTime().getTime() + 24L * 3600 * 1000));
    Job cleanup = history.cleanUpHistoryAsync(true);
    management.executeJob(cleanup.getId());

    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(manual.entriesOf("HC01")).extracting(RecordEntry::processInstanceId).contains(instance.getId());
    assertThat(manual.entriesOf("HC01")).extracting(RecordEntry::entryHash).contains(entry.entryHash());
  }
}
