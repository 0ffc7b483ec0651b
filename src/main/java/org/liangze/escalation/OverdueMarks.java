package org.liangze.escalation;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.jdbc.core.simple.JdbcClient;
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
  private final JdbcClient jdbc;

  OverdueMarks(RuntimeService runtime, OverdueWork work, JdbcClient jdbc) {
    this.runtime = runtime;
    this.work = work;
    this.jdbc = jdbc;
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
   * Marks each of these process instances at its level, as {@link #markOverdue} does, reading their present marks in
   * one query: the patrol marks a page of tasks' instances at once.
   */
  public void markEach(Map<String, WarningLevel> levels) {
    if (levels.isEmpty()) {
      return;
    }
    Map<String, WarningLevel> marked = new java.util.HashMap<>();
    java.util.Set<String> flagged = new java.util.HashSet<>();
    jdbc.sql("""
            select PROC_INST_ID_, NAME_, TEXT_ from ACT_RU_VARIABLE
             where EXECUTION_ID_ = PROC_INST_ID_ and TASK_ID_ is null and NAME_ in (:names)
               and PROC_INST_ID_ in (:instances)""")
        .param("names", List.of(OVERDUE, WARNING_LEVEL)).param("instances", levels.keySet())
        .query(rs -> {
          String instance = rs.getString(1);
          if (OVERDUE.equals(rs.getString(2))) {
            // a boolean's TEXT_ is null; its LONG_ is 1: any row of ours means "true" (clear removes it)
            flagged.add(instance);
          } else if (rs.getString(3) != null) {
            WarningLevel level = parse(rs.getString(3));
            if (level != null) {
              marked.put(instance, level);
            }
          }
        });
    levels.forEach((instance, level) -> {
      WarningLevel present = marked.get(instance);
      if (!flagged.contains(instance) || present == null || present.compareTo(level) < 0) {
        runtime.setVariables(instance, Map.of(
            OVERDUE, Variables.booleanValue(true),
            WARNING_LEVEL, Variables.stringValue(level.name())));
      }
    });
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

  private static WarningLevel parse(String name) {
    try {
      return WarningLevel.valueOf(name);
    } catch (IllegalArgumentException unknown) {
      return null;
    }
  }
}
