package org.liangze.escalation;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
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

  OverdueMarks(RuntimeService runtime, OverdueWork work) {
    this.runtime = runtime;
    this.work = work;
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
