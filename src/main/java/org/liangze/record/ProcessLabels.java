package org.liangze.record;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.HistoricProcessInstanceQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.springframework.stereotype.Component;

/**
 * What the record manual (its page and its workbook) names an entry's process by — its name and the day it started
 * ("单位季度自查", 2026-10-08) — instead of the instance id, which nobody reads. Read from Camunda's history as the
 * platform: the reader may read the manual, which names these processes, and sees nothing of them but the name and
 * the day. An instance whose history was cleaned up has no label (its id stays in the workbook's last column).
 */
@Component
class ProcessLabels {

  /** A process as the manual names it. */
  record Label(String name, Instant started) {

    /** "单位季度自查（2026-10-08 发起）", the day in the manual's zone. */
    String text(ManualSnapshot manual) {
      return name + "（" + DAY.format(manual.local(started)) + " 发起）";
    }
  }

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

  /** Ids per query: a manual of a few years holds hundreds of processes. */
  private static final int CHUNK = 500;

  private final ProcessEngine engine;

  ProcessLabels(ProcessEngine engine) {
    this.engine = engine;
  }

  /** The labels of the processes this manual's entries belong to, by instance id. */
  Map<String, Label> of(ManualSnapshot manual) {
    return of(manual.entries().stream().map(RecordEntry::processInstanceId).toList());
  }

  /** What an entry's process is named in its manual, or null: no process, or its history is gone. */
  static String nameOf(RecordEntry entry, Map<String, Label> labels, ManualSnapshot manual) {
    Label label = entry.processInstanceId() == null ? null : labels.get(entry.processInstanceId());
    return label == null ? null : label.text(manual);
  }

  /** The labels of these process instances, by id (null ids skipped); ids without history are left out. */
  Map<String, Label> of(Collection<String> processInstanceIds) {
    List<String> ids = processInstanceIds.stream().filter(Objects::nonNull).distinct().toList();
    Map<String, Label> labels = new HashMap<>();
    if (ids.isEmpty()) {
      return labels;
    }
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    for (int from = 0; from < ids.size(); from += CHUNK) {
      String[] chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK)).toArray(String[]::new);
      HistoricProcessInstanceQueryImpl query = new HistoricProcessInstanceQueryImpl();
      query.processInstanceIds(Set.of(chunk));
      Command<List<HistoricProcessInstance>> read = context -> context.runWithoutAuthorization(inner ->
          query.executeList(inner, null));
      for (HistoricProcessInstance instance : configuration.getCommandExecutorTxRequired().execute(read)) {
        if (instance.getProcessDefinitionName() != null) {
          labels.put(instance.getId(), new Label(instance.getProcessDefinitionName(),
              instance.getStartTime().toInstant()));
        }
      }
    }
    return labels;
  }
}
