package org.liangze.escalation;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.liangze.organisation.Groups;
import org.liangze.organisation.Official;
import org.liangze.organisation.Role;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Open user tasks that are overdue or due soon, with their warning colour, grouped by the unit whose work they
 * are. One SQL statement over Camunda's runtime tables (task, candidate groups, the {@code unitCode} variable)
 * rather than a task query plus a query per task, so the answer stays fast with many open tasks.
 *
 * <p>A task's unit is the unit of its candidate unit group; a task only district groups may do (the committee
 * answering an objection, the commission reviewing a list) is the district group's work, even if it concerns a
 * unit; a task with no candidate group falls back to the {@code unitCode} variable of its execution or process
 * instance. Unit people see their own units' work only, supervisors the whole district ({@link Official#canSee}).
 */
@Service
public class OverdueWork {

  /** Tasks listed per unit; the counts always cover every task. */
  static final int MAX_TASKS_PER_UNIT = 200;
  static final String UNASSIGNED = "NONE";

  private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();
  private static final Set<String> DISTRICT_GROUPS = Set.of(Groups.DISCIPLINE_COMMISSION, Groups.DISTRICT_COMMITTEE);

  private static final String SELECT = """
      select t.ID_ as task_id, t.NAME_ as task_name, t.DUE_DATE_ as due_date, t.PROC_INST_ID_ as process_instance_id,
             d.KEY_ as definition_key, d.NAME_ as definition_name,
             (select min(l.GROUP_ID_) from ACT_RU_IDENTITYLINK l
               where l.TASK_ID_ = t.ID_ and l.TYPE_ = 'candidate' and l.GROUP_ID_ like 'unit%') as unit_group,
             (select min(l.GROUP_ID_) from ACT_RU_IDENTITYLINK l
               where l.TASK_ID_ = t.ID_ and l.TYPE_ = 'candidate'
                 and l.GROUP_ID_ in ('disciplinecommission', 'districtcommittee')) as district_group,
             coalesce(ve.TEXT_, vp.TEXT_) as unit_code
        from ACT_RU_TASK t
        left join ACT_RE_PROCDEF d on d.ID_ = t.PROC_DEF_ID_
        left join ACT_RU_VARIABLE ve
          on ve.EXECUTION_ID_ = t.EXECUTION_ID_ and ve.NAME_ = 'unitCode' and ve.TASK_ID_ is null
        left join ACT_RU_VARIABLE vp
          on vp.EXECUTION_ID_ = t.PROC_INST_ID_ and vp.NAME_ = 'unitCode' and vp.TASK_ID_ is null
       where t.DUE_DATE_ is not null and t.DUE_DATE_ < :horizon and t.SUSPENSION_STATE_ = 1
      """;

  /** For unit people: only tasks offered to their unit groups or naming their units; the Java side re-checks. */
  private static final String UNIT_RESTRICTION = """
         and (exists (select 1 from ACT_RU_IDENTITYLINK u
                       where u.TASK_ID_ = t.ID_ and u.TYPE_ = 'candidate' and u.GROUP_ID_ in (:groups))
              or coalesce(ve.TEXT_, vp.TEXT_) in (:units))
      """;

  private final JdbcClient jdbc;
  private final UnitRepository units;
  private final EscalationProperties thresholds;

  OverdueWork(JdbcClient jdbc, UnitRepository units, EscalationProperties thresholds) {
    this.jdbc = jdbc;
    this.units = units;
    this.thresholds = thresholds;
  }

  /** One open task with a warning colour. */
  public record OverdueTask(String taskId, String taskName, String processDefinitionKey,
      String processDefinitionName, String processInstanceId, Instant dueDate, Long daysOverdue, Long daysLeft,
      WarningLevel level, String levelLabel) {
  }

  /** A unit's (or a district group's) tasks with a warning colour, most overdue first. */
  public record UnitOverdue(String unitCode, String unitName, Map<WarningLevel, Integer> counts,
      List<OverdueTask> tasks, boolean truncated) {
  }

  /** What a viewer may see, as of the engine's clock, under the configured thresholds. */
  public record Report(Instant asOf, Duration remindBefore, Duration summonsAfter,
      Map<WarningLevel, Integer> totals, List<UnitOverdue> units) {
  }

  public Report report(Official viewer) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Map<String, String> unitNames = new LinkedHashMap<>();
    for (Unit unit : units.findAllActive()) {
      unitNames.put(unit.code(), unit.name());
    }
    Map<String, List<OverdueTask>> byUnit = new LinkedHashMap<>();
    scan(viewer, now, row -> {
      if (viewer.canSee(row.unit())) {
        byUnit.computeIfAbsent(row.unit(), code -> new ArrayList<>()).add(row.task());
      }
    });
    Map<WarningLevel, Integer> totals = emptyCounts();
    List<UnitOverdue> result = new ArrayList<>();
    byUnit.forEach((code, tasks) -> {
      Map<WarningLevel, Integer> counts = emptyCounts();
      tasks.forEach(task -> counts.merge(task.level(), 1, Integer::sum));
      counts.forEach((level, count) -> totals.merge(level, count, Integer::sum));
      List<OverdueTask> shown = tasks.stream()
          .sorted(Comparator.comparing(OverdueTask::dueDate)).limit(MAX_TASKS_PER_UNIT).toList();
      result.add(new UnitOverdue(code, nameOf(code, unitNames), counts, shown, tasks.size() > shown.size()));
    });
    result.sort(Comparator.<UnitOverdue>comparingInt(u -> -u.counts().get(WarningLevel.RED))
        .thenComparingInt(u -> -u.counts().get(WarningLevel.YELLOW))
        .thenComparingInt(u -> -u.counts().get(WarningLevel.BLUE))
        .thenComparing(UnitOverdue::unitCode));
    return new Report(now, thresholds.remindBefore(), thresholds.summonsAfter(), totals, result);
  }

  /** The most severe overdue colour of each process instance with overdue tasks (no blue), for everybody. */
  public Map<String, WarningLevel> overdueProcessInstances() {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Map<String, WarningLevel> levels = new LinkedHashMap<>();
    jdbc.sql(SELECT).param("horizon", Timestamp.from(now)).query((rs, n) -> {
      Instant due = rs.getTimestamp("due_date").toInstant();
      levels.merge(rs.getString("process_instance_id"), WarningLevel.of(due, now, thresholds), WarningLevel::max);
      return null;
    }).list();
    levels.values().removeIf(level -> level == null || !level.isOverdue());
    return levels;
  }

  private record Row(String unit, OverdueTask task) {
  }

  private void scan(Official viewer, Instant now, Consumer<Row> sink) {
    String sql = SELECT;
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("horizon", Timestamp.from(now.plus(thresholds.remindBefore())));
    if (!viewer.districtWide()) {
      if (viewer.unitCodes().isEmpty()) {
        return;
      }
      Set<String> groups = new TreeSet<>();
      for (String unit : viewer.unitCodes()) {
        for (Role role : List.of(Role.STAFF, Role.SECRETARY, Role.INSPECTOR)) {
          groups.add(Groups.of(role, unit));
        }
      }
      sql = sql + UNIT_RESTRICTION;
      params.put("groups", groups);
      params.put("units", viewer.unitCodes());
    }
    jdbc.sql(sql).params(params).query((rs, n) -> {
      Instant due = rs.getTimestamp("due_date").toInstant();
      WarningLevel level = WarningLevel.of(due, now, thresholds);
      if (level != null) {
        String unit = unitOf(rs.getString("unit_group"), rs.getString("district_group"), rs.getString("unit_code"));
        long overdueMillis = Duration.between(due, now).toMillis();
        Long daysOverdue = level.isOverdue() ? overdueMillis / DAY_MILLIS : null;
        Long daysLeft = level.isOverdue() ? null : Math.floorDiv(-overdueMillis + DAY_MILLIS - 1, DAY_MILLIS);
        sink.accept(new Row(unit, new OverdueTask(rs.getString("task_id"), rs.getString("task_name"),
            rs.getString("definition_key"), rs.getString("definition_name"),
            rs.getString("process_instance_id"), due, daysOverdue, daysLeft, level, level.label())));
      }
      return null;
    }).list();
  }

  static String unitOf(String unitGroup, String districtGroup, String unitCodeVariable) {
    if (unitGroup != null) {
      String unit = Groups.unitOf(unitGroup).orElse(null);
      if (unit != null) {
        return unit;
      }
    }
    if (districtGroup != null && DISTRICT_GROUPS.contains(districtGroup)) {
      return districtGroup;
    }
    return unitCodeVariable != null ? unitCodeVariable : UNASSIGNED;
  }

  private static String nameOf(String code, Map<String, String> unitNames) {
    if (code.equals(Groups.DISCIPLINE_COMMISSION)) {
      return Role.DISCIPLINE_COMMISSION.label();
    }
    if (code.equals(Groups.DISTRICT_COMMITTEE)) {
      return Role.DISTRICT_COMMITTEE.label();
    }
    if (code.equals(UNASSIGNED)) {
      return "未归属单位";
    }
    return unitNames.getOrDefault(code, code);
  }

  private static Map<WarningLevel, Integer> emptyCounts() {
    Map<WarningLevel, Integer> counts = new EnumMap<>(WarningLevel.class);
    for (WarningLevel level : WarningLevel.values()) {
      counts.put(level, 0);
    }
    return counts;
  }
}
