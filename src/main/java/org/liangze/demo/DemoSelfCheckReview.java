package org.liangze.demo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.liangze.organisation.IdentitySync;
import org.liangze.record.RecordEntry;
import org.liangze.record.RecordManual;
import org.liangze.selfcheck.QuarterlySelfCheckProcess;
import org.liangze.selfcheck.Quarter;
import org.liangze.selfcheck.UnitSelfCheckProcess;
import org.liangze.selfcheck.UnitSelfCheckProcess.Element;
import org.liangze.selfcheck.UnitSelfCheckProcess.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Level by level in the demo: 花园社区's people assess this quarter's self-check (each share of the rows by whoever
 * carries it), citing the community's record entries and evidence, its discipline inspector checks it and its
 * secretary signs it off, so that it waits for review by its town, 洪家楼街道 (its secretary
 * or inspector: the review-routing table decides) — work in the Tasklist of a town's inspector. Once: only while
 * the community's self-check still waits for its assessment.
 */
@Component
@Profile("demo")
@Order(IdentitySync.ORDER + 45)
class DemoSelfCheckReview implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoSelfCheckReview.class);
  static final String UNIT = DemoRecordEntries.UNIT;
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final DemoProperties properties;
  private final DemoActors actors;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final RecordManual manual;
  private final ObjectMapper json;
  private final Clock clock;

  DemoSelfCheckReview(DemoProperties properties, DemoActors actors, RuntimeService runtime, TaskService tasks,
      RecordManual manual, ObjectMapper json, Clock clock) {
    this.properties = properties;
    this.actors = actors;
    this.runtime = runtime;
    this.tasks = tasks;
    this.manual = manual;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public void run(ApplicationArguments args) throws Exception {
    if (!properties.startCampaigns()) {
      return;
    }
    Quarter quarter = Quarter.of(LocalDate.now(clock));
    ProcessInstance campaign = runtime.createProcessInstanceQuery()
        .processDefinitionKey(QuarterlySelfCheckProcess.KEY)
        .processInstanceBusinessKey(QuarterlySelfCheckProcess.businessKey(quarter)).singleResult();
    String unitKey = UnitSelfCheckProcess.businessKey(UNIT, quarter);
    ProcessInstance selfCheck = unitSelfCheck(campaign, unitKey);
    if (selfCheck == null || tasks.createTaskQuery().processInstanceId(selfCheck.getId())
        .taskDefinitionKey(Element.AssessItems.name()).count() == 0) {
      return; // no campaign this quarter, or the community's self-check is past its assessment
    }
    Map<Long, List<RecordEntry>> entriesByItem = new HashMap<>();
    manual.entriesOf(UNIT).stream().filter(entry -> entry.listItemId() != null)
        .forEach(entry -> entriesByItem.computeIfAbsent(entry.listItemId(), id -> new ArrayList<>()).add(entry));
    // each share of the rows by whoever carries it: an item's 责任人 (the task's assignee), else the staff
    for (Task assess : tasks.createTaskQuery().processInstanceId(selfCheck.getId())
        .taskDefinitionKey(Element.AssessItems.name()).list()) {
      List<Map<String, Object>> rows = json.readValue(tasks.getVariable(assess.getId(), Variables.ITEMS).toString(),
          new TypeReference<>() {
          });
      List<Map<String, Object>> assessed = new ArrayList<>();
      for (Map<String, Object> row : rows) {
        Map<String, Object> filled = new HashMap<>(row);
        List<RecordEntry> cited = entriesByItem.getOrDefault(((Number) row.get("itemId")).longValue(), List.of());
        filled.put("status", cited.isEmpty() ? "PARTLY" : "DONE");
        filled.put("note", cited.isEmpty() ? "已部署，本季度尚未形成完整记录，下季度补齐" : "已按清单落实，见纪实记录");
        filled.put("records", cited.stream().map(entry -> String.valueOf(entry.seq())).toList());
        filled.put("evidence", cited.stream().flatMap(entry -> entry.evidence().stream()).distinct().toList());
        assessed.add(filled);
      }
      actors.complete(assess.getAssignee() != null ? assess.getAssignee() : "t01v01staff", assess,
          Map.of(Variables.ITEMS, SpinValues.jsonValue(json.writeValueAsString(assessed)).create()));
    }
    // the community's discipline inspector checks the rows before the secretary signs off
    if (Boolean.TRUE.equals(runtime.getVariable(selfCheck.getId(), Variables.INSPECTOR_CHECK))) {
      actors.complete("t01v01insp", selfCheck.getId(), Element.InspectSelfCheck, Map.of(Variables.DECISION, "PASS"));
    }
    actors.complete("t01v01sec", selfCheck.getId(), Element.SignOff, Map.of(Variables.DECISION, "SIGN_OFF",
        Variables.SIGN_OFF_COMMENT, "自查情况属实，部分事项下季度补齐"));
    actors.task(selfCheck.getId(), Element.Review);
    log.info("Demo self-check {} of {} signed off, waiting for its town's review", quarter, UNIT);
  }

  /** The community's instance, once the campaign's jobs have opened it (run here rather than by the executor). */
  private ProcessInstance unitSelfCheck(ProcessInstance campaign, String businessKey) {
    Instant until = Instant.now().plus(WAIT);
    while (true) {
      ProcessInstance found = runtime.createProcessInstanceQuery().processDefinitionKey(UnitSelfCheckProcess.KEY)
          .processInstanceBusinessKey(businessKey).singleResult();
      if (found != null || campaign == null || Instant.now().isAfter(until)) {
        return found;
      }
      actors.runSomeJobs(campaign.getId());
    }
  }
}
