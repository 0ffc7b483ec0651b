package org.liangze.escalation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.liangze.organisation.Groups;
import org.liangze.organisation.Official;
import org.liangze.organisation.Role;
import org.liangze.organisation.UnitChoices;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Open user tasks that are overdue or due soon, with their warning colour, by the unit whose work they are.
 *
 * <p>The district-wide report is counts per unit and colour, aggregated by the database: at district scale
 * (100,000 open tasks, half of them overdue or due soon in the benchmark) shipping every task to Java cost more
 * than the query itself. A unit's individual tasks are read a page at a time ({@link #tasks}).
 *
 * <p>Each open process task's unit is stored in {@code open_task_units}, kept by the engine ({@link OpenTaskUnits}):
 * deriving it when the report is read (candidate groups aggregated per task, the group id cut apart, the variable
 * as fallback) cost 257 / 387 ms median / p95 at 100,000 open tasks; counting stored units is an indexed aggregate.
 * Only standalone tasks, which have no listener, get their unit derived when read.
 *
 * <p>A task's unit is the unit of its candidate unit group; a task only district groups may do (the committee
 * answering an objection, the commission reviewing a list) is the district group's work, even if it concerns a
 * unit; a task with no candidate group falls back to the {@code unitCode} variable of its execution or process
 * instance ({@link #UNIT_OF}). Unit people see their own units' work only, supervisors the whole district
 * ({@link Official#canSee}).
 */
@Service
public class OverdueWork {

  /** Largest page of one unit's tasks. */
  static final int MAX_PAGE = 200;
  static final String UNASSIGNED = "NONE";

  private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

  /**
   * The unit of a task, from its smallest candidate unit group ({@code unit<code><role suffix>}, see
   * {@link Groups}), its district candidate group, or its {@code unitCode} variable, in that order. Columns
   * {@code unit_group}, {@code district_group}; {@code %s} is the variable's expression, evaluated only when the
   * task has neither group (a correlated lookup, so it must not run for every task).
   */
  static final String UNIT_OF = """
      case when unit_group like 'unit%%staff' and char_length(unit_group) > 9
             then substring(unit_group from 5 for char_length(unit_group) - 9)
           when (unit_group like 'unit%%secretary' or unit_group like 'unit%%inspector')
                and char_length(unit_group) > 13
             then substring(unit_group from 5 for char_length(unit_group) - 13)
           when district_group is not null then district_group
           else coalesce(%s, 'NONE') end""";

  /** The variable look-ups of {@link #UNIT_OF}, by the columns {@code execution_id} and {@code process_instance_id}. */
  private static final String UNIT_CODE_VARIABLE = """
      (select min(v.TEXT_) from ACT_RU_VARIABLE v
        where v.EXECUTION_ID_ = x.execution_id and v.NAME_ = 'unitCode' and v.TASK_ID_ is null),
      (select min(v.TEXT_) from ACT_RU_VARIABLE v
        where v.EXECUTION_ID_ = x.process_instance_id and v.NAME_ = 'unitCode' and v.TASK_ID_ is null)""";

  /**
   * Every open task of a process with its unit by {@link #UNIT_OF} and its due date: what {@link OpenTaskUnits}
   * reconciles {@code open_task_units} with at start-up (the SQL form of the rule its listener applies in Java).
   * The candidate groups are one aggregate over the identity links joined by hash: it runs over every task.
   */
  static final String UNITS_OF_OPEN_TASKS = """
      select x.task_id, x.due_date, %s as unit_code
        from (select t.ID_ as task_id, t.DUE_DATE_ as due_date, t.PROC_INST_ID_ as process_instance_id,
                     t.EXECUTION_ID_ as execution_id, g.unit_group, g.district_group
                from ACT_RU_TASK t
                left join (select l.TASK_ID_ as link_task_id,
                                  min(case when l.GROUP_ID_ like 'unit%%' then l.GROUP_ID_ end) as unit_group,
                                  min(case when l.GROUP_ID_ in ('disciplinecommission', 'districtcommittee')
                                           then l.GROUP_ID_ end) as district_group
                             from ACT_RU_IDENTITYLINK l
                            where l.TYPE_ = 'candidate' and l.TASK_ID_ is not null
                            group by l.TASK_ID_) g on g.link_task_id = t.ID_
               where t.PROC_INST_ID_ is not null) x
      """.formatted(UNIT_OF.formatted(UNIT_CODE_VARIABLE));

  /**
   * Colour of the due date {@code %1$s}, as {@link WarningLevel#of}: red at or before {@code :redAt} (now − summons
   * threshold), yellow at or before {@code :now}, blue after.
   */
  private static final String LEVEL = """
      case when %1$s <= :redAt then 'RED' when %1$s <= :now then 'YELLOW' else 'BLUE' end""";

  /**
   * Open, active standalone tasks due by {@code :horizon}, with their unit by {@link #UNIT_OF}. They have no task
   * definition, hence no listener and no row in {@code open_task_units}; found by Camunda's index on
   * {@code PROC_INST_ID_} (null), they are few (the platform creates none), so their unit is looked up per task.
   */
  private static final String STANDALONE_TASKS = """
      select x.task_id, x.task_name, x.due_date, x.process_instance_id, x.definition_id, x.level,
             %s as unit_code
        from (select t.ID_ as task_id, t.NAME_ as task_name, t.DUE_DATE_ as due_date,
                     t.PROC_INST_ID_ as process_instance_id, t.EXECUTION_ID_ as execution_id,
                     t.PROC_DEF_ID_ as definition_id,
                     (select min(l.GROUP_ID_) from ACT_RU_IDENTITYLINK l
                       where l.TASK_ID_ = t.ID_ and l.TYPE_ = 'candidate' and l.GROUP_ID_ like 'unit%%') as unit_group,
                     (select min(l.GROUP_ID_) from ACT_RU_IDENTITYLINK l
                       where l.TASK_ID_ = t.ID_ and l.TYPE_ = 'candidate'
                         and l.GROUP_ID_ in ('disciplinecommission', 'districtcommittee')) as district_group,
                     %s as level
                from ACT_RU_TASK t
               where t.PROC_INST_ID_ is null and t.DUE_DATE_ is not null and t.DUE_DATE_ <= :horizon
                 and t.SUSPENSION_STATE_ = 1) x
      """.formatted(UNIT_OF.formatted(UNIT_CODE_VARIABLE), LEVEL.formatted("t.DUE_DATE_"));

  /**
   * Counts by unit and colour, a row per unit: the rows of {@code open_task_units} due by {@code :horizon} counted
   * by colour (one pass grouped by unit alone, on the index {@code (due_at, unit_code)}), less the suspended ones
   * (few; found by the partial index of {@code EngineTableTuning} and subtracted, so the large pass needs no
   * anti-join against the task table), plus the standalone tasks. The caller adds a unit's rows up. Grouping by
   * unit and a computed colour and anti-joining every row cost 116 / 140 ms median / p95 at 157,000 due tasks in
   * 10,000 units (the benchmark's city size).
   */
  private static final String COUNTS = """
      select o.unit_code, count(*) filter (where o.due_at <= :redAt) as red,
             count(*) filter (where o.due_at > :redAt and o.due_at <= :now) as yellow,
             count(*) filter (where o.due_at > :now) as blue
        from open_task_units o
       where o.due_at <= :horizon
       group by o.unit_code
      union all
      select o.unit_code, -count(*) filter (where o.due_at <= :redAt),
             -count(*) filter (where o.due_at > :redAt and o.due_at <= :now),
             -count(*) filter (where o.due_at > :now)
        from ACT_RU_TASK s
        join open_task_units o on o.task_id = s.ID_
       where s.SUSPENSION_STATE_ <> 1 and o.due_at <= :horizon
       group by o.unit_code
      union all
      select a.unit_code, count(*) filter (where a.level = 'RED'), count(*) filter (where a.level = 'YELLOW'),
             count(*) filter (where a.level = 'BLUE')
        from (%s) a
       group by a.unit_code
      """.formatted(STANDALONE_TASKS);

  /**
   * One unit's tasks due by {@code :horizon}: its rows of {@code open_task_units} by the index on
   * {@code (unit_code, due_at)}, joined to their active tasks for name and process, plus its standalone tasks.
   */
  private static final String UNIT_TASKS = """
      select t.ID_ as task_id, t.NAME_ as task_name, o.due_at as due_date, t.PROC_INST_ID_ as process_instance_id,
             t.PROC_DEF_ID_ as definition_id, %s as level
        from open_task_units o
        join ACT_RU_TASK t on t.ID_ = o.task_id
       where o.unit_code = :unit and o.due_at <= :horizon and t.SUSPENSION_STATE_ = 1
      union all
      select a.task_id, a.task_name, a.due_date, a.process_instance_id, a.definition_id, a.level
        from (%s) a
       where a.unit_code = :unit
      """.formatted(LEVEL.formatted("o.due_at"), STANDALONE_TASKS);

  private static final String PAGE = """
      select p.*, d.KEY_ as definition_key, d.NAME_ as definition_name
        from (%s) p
        left join ACT_RE_PROCDEF d on d.ID_ = p.definition_id
       order by p.due_date, p.task_id
       offset :first rows fetch next :max rows only
      """.formatted(UNIT_TASKS);

  private final JdbcClient jdbc;
  private final UnitChoices units;
  private final EscalationPolicy policy;

  OverdueWork(JdbcClient jdbc, UnitChoices units, EscalationPolicy policy) {
    this.jdbc = jdbc;
    this.units = units;
    this.policy = policy;
  }

  /** One open task with a warning colour. */
  public record OverdueTask(String taskId, String taskName, String processDefinitionKey,
      String processDefinitionName, String processInstanceId, Instant dueDate, Long daysOverdue, Long daysLeft,
      WarningLevel level, String levelLabel) {
  }

  /** A unit's (or a district group's) counts by colour; {@code tasks} is their sum, the size of its task list. */
  public record UnitOverdue(String unitCode, String unitName, Map<WarningLevel, Integer> counts, int tasks) {
  }

  /** What a viewer may see, as of the engine's clock, under the configured thresholds. */
  public record Report(Instant asOf, Duration remindBefore, Duration summonsAfter,
      Map<WarningLevel, Integer> totals, List<UnitOverdue> units) {
  }

  /** A page of one unit's tasks, most overdue first; {@code total} counts them all. */
  public record TaskPage(String unitCode, String unitName, int first, int total, List<OverdueTask> tasks) {
  }

  /** Counts by unit and colour of the units the viewer may see, the units with the most red work first. */
  public Report report(Official viewer) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Map<String, Map<WarningLevel, Integer>> byUnit = new LinkedHashMap<>();
    Map<WarningLevel, Integer> totals = emptyCounts();
    if (viewer.districtWide() || !viewer.unitCodes().isEmpty()) {
      jdbc.sql(COUNTS).params(times(now)).query((rs, n) -> {
        String unit = rs.getString("unit_code");
        if (viewer.canSee(unit)) {
          Map<WarningLevel, Integer> counts = byUnit.computeIfAbsent(unit, code -> emptyCounts());
          counts.merge(WarningLevel.RED, rs.getInt("red"), Integer::sum);
          counts.merge(WarningLevel.YELLOW, rs.getInt("yellow"), Integer::sum);
          counts.merge(WarningLevel.BLUE, rs.getInt("blue"), Integer::sum);
        }
        return null;
      }).list();
    }
    // a unit whose due tasks are all suspended adds up to nothing
    byUnit.values().removeIf(counts -> counts.values().stream().allMatch(count -> count == 0));
    byUnit.values().forEach(counts -> counts.forEach((level, count) -> totals.merge(level, count, Integer::sum)));
    List<UnitOverdue> result = new ArrayList<>();
    Map<String, String> unitNames = units.labels();
    byUnit.forEach((code, counts) -> result.add(new UnitOverdue(code, nameOf(code, unitNames), counts,
        counts.values().stream().mapToInt(Integer::intValue).sum())));
    result.sort(Comparator.<UnitOverdue>comparingInt(u -> -u.counts().get(WarningLevel.RED))
        .thenComparingInt(u -> -u.counts().get(WarningLevel.YELLOW))
        .thenComparingInt(u -> -u.counts().get(WarningLevel.BLUE))
        .thenComparing(UnitOverdue::unitCode));
    EscalationPolicy.Ladder thresholds = policy.standard();
    return new Report(now, thresholds.remindBefore(), thresholds.summonsAfter(), totals, result);
  }

  /**
   * A page of one unit's overdue and soon-due tasks, earliest due first. The caller checks that the viewer may see
   * the unit.
   */
  public TaskPage tasks(String unitCode, int first, int max) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    int size = Math.max(1, Math.min(max, MAX_PAGE));
    int offset = Math.max(0, first);
    Map<String, Object> params = times(now);
    params.put("unit", unitCode);
    params.put("first", offset);
    params.put("max", size);
    List<OverdueTask> tasks = jdbc.sql(PAGE).params(params).query((rs, n) -> task(rs, now)).list();
    // a short first page is the whole list; otherwise count
    int total = offset == 0 && tasks.size() < size ? tasks.size()
        : jdbc.sql("select count(*) from (" + UNIT_TASKS + ") c").params(params)
            .query(Integer.class).single();
    return new TaskPage(unitCode, nameOf(unitCode, units.label(unitCode).map(label -> Map.of(unitCode, label))
        .orElse(Map.of())), offset, total, tasks);
  }

  /** The most severe overdue colour of each process instance with overdue tasks (no blue), for everybody. */
  public Map<String, WarningLevel> overdueProcessInstances() {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Map<String, WarningLevel> levels = new LinkedHashMap<>();
    EscalationPolicy.Ladder thresholds = policy.standard();
    // the earliest due date is the most severe colour
    jdbc.sql("""
            select PROC_INST_ID_ as process_instance_id, min(DUE_DATE_) as due_date from ACT_RU_TASK
             where DUE_DATE_ is not null and DUE_DATE_ <= :now and SUSPENSION_STATE_ = 1
               and PROC_INST_ID_ is not null
             group by PROC_INST_ID_""")
        .param("now", Timestamp.from(now)).query((rs, n) -> {
          WarningLevel level = WarningLevel.of(rs.getTimestamp("due_date").toInstant(), now, thresholds);
          if (level != null && level.isOverdue()) {
            levels.put(rs.getString("process_instance_id"), level);
          }
          return null;
        }).list();
    return levels;
  }

  private Map<String, Object> times(Instant now) {
    // the district-wide colours (the policy's standard ladder), whatever each unit's type: one report, one scale
    EscalationPolicy.Ladder thresholds = policy.standard();
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("horizon", Timestamp.from(now.plus(thresholds.remindBefore())));
    params.put("now", Timestamp.from(now));
    params.put("redAt", Timestamp.from(now.minus(thresholds.summonsAfter())));
    return params;
  }

  private OverdueTask task(ResultSet rs, Instant now) throws SQLException {
    Instant due = rs.getTimestamp("due_date").toInstant();
    WarningLevel level = WarningLevel.valueOf(rs.getString("level"));
    long overdueMillis = Duration.between(due, now).toMillis();
    Long daysOverdue = level.isOverdue() ? overdueMillis / DAY_MILLIS : null;
    Long daysLeft = level.isOverdue() ? null : Math.floorDiv(-overdueMillis + DAY_MILLIS - 1, DAY_MILLIS);
    return new OverdueTask(rs.getString("task_id"), rs.getString("task_name"), rs.getString("definition_key"),
        rs.getString("definition_name"), rs.getString("process_instance_id"), due, daysOverdue, daysLeft, level,
        level.label());
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
    return unitNames.getOrDefault(code, "未知单位");
  }

  private static Map<WarningLevel, Integer> emptyCounts() {
    Map<WarningLevel, Integer> counts = new EnumMap<>(WarningLevel.class);
    for (WarningLevel level : WarningLevel.values()) {
      counts.put(level, 0);
    }
    return counts;
  }
}
