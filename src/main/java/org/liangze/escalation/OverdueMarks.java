package org.liangze.escalation;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;

/**
 * Makes overdue process instances findable in Cockpit, whose process instance search filters by variable value:
 * an overdue instance carries {@code overdue = true} and {@code warningLevel = "YELLOW"} or {@code "RED"} on its
 * process instance. The escalation scan calls {@link #markOverdue} (or {@link #markAll}) as it climbs the ladder;
 * a level is only ever raised, never lowered, until {@link #clear} when the instance is no longer overdue.
 */
@Service
public class OverdueMarks {

  public static final String OVERDUE = "overdue";
  public static final String WARNING_LEVEL = "warningLevel";

  private final RuntimeService runtime;
  private final OverdueWork work;
  private final CommandExecutor commands;

  OverdueMarks(ProcessEngine engine, OverdueWork work) {
    this.runtime = engine.getRuntimeService();
    this.work = work;
    this.commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired();
  }

  /** Marks a process instance overdue at {@code level} (YELLOW or RED), unless it is already marked higher. */
  public void markOverdue(String processInstanceId, WarningLevel level) {
    if (level == null || !level.isOverdue()) {
      throw new IllegalArgumentException("Only YELLOW or RED mark an instance overdue: " + level);
    }
    Object current = runtime.getVariable(processInstanceId, WARNING_LEVEL);
    WarningLevel marked = current instanceof String name ? parse(name) : null;
    if (Boolean.TRUE.equals(runtime.getVariable(processInstanceId, OVERDUE)) && marked != null
        && marked.compareTo(level) >= 0) {
      return;
    }
    runtime.setVariables(processInstanceId, Map.of(
        OVERDUE, Variables.booleanValue(true),
        WARNING_LEVEL, Variables.stringValue(level.name())));
  }

  /**
   * Marks each of these process instances at its level, as {@link #markOverdue} does, in one engine command
   * ({@link PageMarks}): their present marks and variables read in one query, the writes flushed together.
   */
  public void markEach(Map<String, WarningLevel> levels) {
    markPage(Map.of(), levels);
  }

  /**
   * A patrol page's variables in one engine command ({@link PageMarks}): {@code locals} set on each execution (a
   * newly overdue task's {@code taskOverdue} and {@code lateReason}), then each instance marked at its level as
   * {@link #markOverdue} does (only ever raised). Within a job, the job's command: one flush with the job's writes.
   */
  void markPage(Map<String, Map<String, Object>> locals, Map<String, WarningLevel> levels) {
    if (!locals.isEmpty() || !levels.isEmpty()) {
      commands.execute(new PageMarks(locals, levels));
    }
  }

  /** Marks every process instance that has overdue tasks now, with its most severe colour; returns how many. */
  public int markAll() {
    Map<String, WarningLevel> overdue = work.overdueProcessInstances();
    overdue.forEach(this::markOverdue);
    return overdue.size();
  }

  /** Removes the marks, e.g. when the last overdue task of the instance is done. */
  public void clear(String processInstanceId) {
    runtime.removeVariables(processInstanceId, List.of(OVERDUE, WARNING_LEVEL));
  }

  static WarningLevel parse(String name) {
    try {
      return WarningLevel.valueOf(name);
    } catch (IllegalArgumentException unknown) {
      return null;
    }
  }
}
