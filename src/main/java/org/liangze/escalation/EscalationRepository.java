package org.liangze.escalation;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.impl.jobexecutor.TimerExecuteNestedActivityJobHandler;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The ladder's tables: how far each open task has climbed ({@code task_escalations}), every step taken
 * ({@code escalation_steps}), the summons and accountability requests, and the lines of the next digests.
 *
 * <p>The patrol finds its work by SQL over {@code open_task_units} (each open task's unit and due date, kept by the
 * engine) and {@code task_escalations}: only the tasks whose level changes now, never every task with a due date.
 */
@Repository
class EscalationRepository {

  /** The level a task with this due date has reached at {@code :now}, as a rank (see {@link #params}). */
  private static final String TARGET_RANK = """
      case when o.due_at <= :escalateBy then 4 when o.due_at <= :summonBy then 3 when o.due_at <= :superviseBy then 2
           else 1 end""";
  private static final String CURRENT_RANK = """
      case %s when 'REMINDED' then 1 when 'OVERDUE' then 2 when 'SUMMONED' then 3 when 'ESCALATED' then 4
           else 0 end""";
  /**
   * Not yet due, or not a window that the model closes itself: a task with a boundary timer due no later than the
   * task (申诉, whose timer 申诉期满 ends it at its due date) is a right, not a duty. Before its due date it climbs as
   * any task does (its people are reminded to decide, and may decide not to use it); it is never overdue — not even
   * between its due date and the moment the timer's job has run — so never supervised, summoned or counted late.
   */
  private static final String NOT_OVERDUE_WINDOW = """
      (o.due_at > :now or not exists (
         select 1 from ACT_RU_TASK wt join ACT_RU_JOB wj on wj.EXECUTION_ID_ = wt.EXECUTION_ID_
          where wt.ID_ = o.task_id and wj.HANDLER_TYPE_ = '%s' and wj.DUEDATE_ <= wt.DUE_DATE_))"""
      .formatted(TimerExecuteNestedActivityJobHandler.TYPE);

  /**
   * Due within the reminder window, and a rung higher than the task has reached (its level in this column); once due,
   * not a window its own timer closes ({@link #NOT_OVERDUE_WINDOW}).
   */
  private static String climbs(String level) {
    return "o.due_at <= :horizon and (%s) > (%s) and %s".formatted(TARGET_RANK, CURRENT_RANK.formatted(level),
        NOT_OVERDUE_WINDOW);
  }

  private static final String OPEN_TASKS = """
        from open_task_units o
        left join task_escalations e on e.task_id = o.task_id
        left join task_reminders r on r.task_id = o.task_id
      """;

  private final JdbcClient jdbc;
  /** For the batches a page of the patrol writes (JdbcClient has none). */
  private final JdbcTemplate batch;

  EscalationRepository(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  /**
   * The tasks whose level changes at {@code :now} ({@link #climbs}), or that reached a reminder of the ladder they
   * have not had ({@code :remind0}, {@code :remind1}, …: now plus each reminder's time before the due date; a task
   * keeps the shortest it was reminded at, in {@code task_reminders}), before their due date.
   */
  private static String moves(EscalationPolicy.Ladder ladder) {
    return moves(ladder, "e.level", "r.reminded_minutes");
  }

  /** The same, with the task's level and the minutes it was reminded at in these columns. */
  private static String moves(EscalationPolicy.Ladder ladder, String level, String reminded) {
    StringBuilder reminds = new StringBuilder();
    for (int i = 0; i < ladder.reminders().size(); i++) {
      reminds.append(i == 0 ? "" : " or ").append("(o.due_at <= :remind").append(i)
          .append(" and coalesce(").append(reminded).append(", 2147483647) > ").append(ladder.reminders().get(i).toMinutes())
          .append(")");
    }
    // the first bound alone selects by the due date index, as before reminders
    return reminds.isEmpty() ? climbs(level)
        : "o.due_at <= :reach and (" + climbs(level) + " or (o.due_at > :now and (" + reminds + ")))";
  }

  /**
   * A task of the patrol's page: what the ladder needs to climb it and to word its messages. {@code period} is the
   * text of its process instance's period variable ({@link #PERIOD_VARIABLES}), null if it has none;
   * {@code created} when the task was created; {@code reminded} the shortest time before its due date it was
   * reminded at (null: never); {@code known} whether it has a level row.
   */
  record ClimbingTask(String taskId, String name, String executionId, String processInstanceId, String processName,
      Instant due, EscalationLevel current, String periodVariable, String period, Instant created,
      java.time.Duration reminded, boolean known, String unitCode) {

    ClimbingTask(String taskId, String name, String executionId, String processInstanceId, String processName,
        Instant due, EscalationLevel current) {
      this(taskId, name, executionId, processInstanceId, processName, due, current, null, null, null, null,
          current != EscalationLevel.NONE, null);
    }
  }

  /**
   * The process instance variables that name the period a process's work is for, first found first: a quarter
   * ("2026Q4", the self-check), a half-year ("2026H1", the reports), a year (2026, letters and lists).
   */
  static final List<String> PERIOD_VARIABLES = List.of("quarter", "period", "year");

  /**
   * The units (or district bodies) that have at least one task whose level changes at {@code now}, with how many
   * such tasks each has, by group: one map per group (in the groups' order), sorted by unit code. Each group of
   * units shares a ladder; the units of the group with {@code others} true are the listed ones and every code in no
   * other group (the district bodies, units not yet known).
   */
  List<java.util.SortedMap<String, Integer>> unitsWithClimbingTasks(Instant now, List<LadderGroup> groups) {
    List<java.util.SortedMap<String, Integer>> found = new java.util.ArrayList<>();
    for (LadderGroup group : groups) {
      java.util.SortedMap<String, Integer> counts = new java.util.TreeMap<>();
      found.add(counts);
      Map<String, Object> params = params(now, group.ladder());
      String filter;
      if (group.others()) {
        List<String> excluded = groups.stream().filter(g -> !g.others()).flatMap(g -> g.unitCodes().stream())
            .toList();
        filter = excluded.isEmpty() ? "" : " and o.unit_code not in (:units)";
        params.put("units", excluded);
      } else {
        if (group.unitCodes().isEmpty()) {
          continue;
        }
        filter = " and o.unit_code in (:units)";
        params.put("units", group.unitCodes());
      }
      jdbc.sql("select o.unit_code, count(*) " + OPEN_TASKS + " where " + moves(group.ladder()) + filter
              + " group by o.unit_code")
          .params(params).query(rs -> {
            counts.put(rs.getString(1), rs.getInt(2));
          });
    }
    return found;
  }

  /** Units sharing a ladder (see {@link #unitsWithClimbingTasks}). */
  record LadderGroup(EscalationPolicy.Ladder ladder, List<String> unitCodes, boolean others) {
  }

  /**
   * Up to {@code limit} of these units' active tasks whose level changes at {@code now} (the units share this
   * ladder), oldest due first.
   */
  List<ClimbingTask> climbingTasks(Collection<String> unitCodes, Instant now, EscalationPolicy.Ladder ladder,
      int limit) {
    Map<String, Object> params = params(now, ladder);
    params.put("units", unitCodes);
    params.put("limit", limit);
    params.put("periodVariables", PERIOD_VARIABLES);
    return jdbc.sql("""
            select o.task_id, o.unit_code, t.NAME_ as task_name, t.EXECUTION_ID_ as execution_id,
                   t.PROC_INST_ID_ as process_instance_id, d.NAME_ as process_name,
                   t.DUE_DATE_ as due_date, t.CREATE_TIME_ as created, o.level as current_level,
                   o.reminded_minutes, o.level as known_task,
                   (select v.NAME_ from ACT_RU_VARIABLE v
                     where v.EXECUTION_ID_ = t.PROC_INST_ID_ and v.NAME_ in (:periodVariables)
                     order by case v.NAME_ when 'quarter' then 1 when 'period' then 2 else 3 end
                     fetch first 1 rows only) as period_variable,
                   (select v.TEXT_ from ACT_RU_VARIABLE v
                     where v.EXECUTION_ID_ = t.PROC_INST_ID_ and v.NAME_ in (:periodVariables)
                     order by case v.NAME_ when 'quarter' then 1 when 'period' then 2 else 3 end
                     fetch first 1 rows only) as period
              from (select u.task_id, u.unit_code, u.due_at,
                           (select x.level from task_escalations x where x.task_id = u.task_id) as level,
                           (select x.reminded_minutes from task_reminders x where x.task_id = u.task_id)
                             as reminded_minutes
                      from open_task_units u
                     where u.unit_code in (:units)) o
              join ACT_RU_TASK t on t.ID_ = o.task_id
              left join ACT_RE_PROCDEF d on d.ID_ = t.PROC_DEF_ID_
             where t.SUSPENSION_STATE_ = 1 and\s""" + moves(ladder, "o.level", "o.reminded_minutes") + """
             order by o.due_at, o.task_id
             fetch first :limit rows only""")
        .params(params)
        .query((rs, row) -> new ClimbingTask(rs.getString("task_id"), rs.getString("task_name"),
            rs.getString("execution_id"), rs.getString("process_instance_id"),
            rs.getString("process_name"),
            rs.getTimestamp("due_date").toInstant(),
            rs.getString("current_level") == null ? EscalationLevel.NONE
                : EscalationLevel.valueOf(rs.getString("current_level")),
            rs.getString("period_variable"), rs.getString("period"),
            rs.getTimestamp("created") == null ? null : rs.getTimestamp("created").toInstant(),
            rs.getObject("reminded_minutes") == null ? null
                : java.time.Duration.ofMinutes(rs.getInt("reminded_minutes")),
            rs.getString("known_task") != null, rs.getString("unit_code")))
        .list();
  }

  /** The candidate groups of each of these tasks, in one query. */
  Map<String, List<String>> candidateGroups(Collection<String> taskIds) {
    Map<String, List<String>> groups = new HashMap<>();
    if (taskIds.isEmpty()) {
      return groups;
    }
    jdbc.sql("""
            select TASK_ID_, GROUP_ID_ from ACT_RU_IDENTITYLINK
             where TYPE_ = 'candidate' and GROUP_ID_ is not null and TASK_ID_ in (:tasks)
             order by GROUP_ID_""")
        .param("tasks", taskIds)
        .query(rs -> {
          groups.computeIfAbsent(rs.getString(1), id -> new java.util.ArrayList<>()).add(rs.getString(2));
        });
    return groups;
  }

  private static Map<String, Object> params(Instant now, EscalationPolicy.Ladder ladder) {
    // due_at is a timestamp without time zone in the JVM's zone, as Camunda's DUE_DATE_ (OverdueWork does the same)
    Map<String, Object> params = new HashMap<>();
    params.put("horizon", Timestamp.from(now.plus(ladder.remindBefore())));
    params.put("superviseBy", Timestamp.from(now.minus(ladder.superviseAfter())));
    params.put("summonBy", Timestamp.from(now.minus(ladder.summonsAfter())));
    params.put("escalateBy", Timestamp.from(now.minus(ladder.accountabilityAfter())));
    params.put("now", Timestamp.from(now));
    params.put("reach", Timestamp.from(now.plus(ladder.reminders().isEmpty()
        || ladder.reminders().get(0).compareTo(ladder.remindBefore()) < 0
        ? ladder.remindBefore() : ladder.reminders().get(0))));
    for (int i = 0; i < ladder.reminders().size(); i++) {
      params.put("remind" + i, Timestamp.from(now.plus(ladder.reminders().get(i))));
    }
    return params;
  }

  /** A task's new level; {@code known} when it had one before (an update, else an insert). */
  record Move(String taskId, String unitCode, String processInstanceId, EscalationLevel level, boolean known) {
  }

  /** Writes a page's new levels, in two batches. */
  void moveAll(List<Move> moves, Instant at) {
    batch.batchUpdate("update task_escalations set level = ?, updated_at = ? where task_id = ?",
        moves.stream().filter(Move::known).map(m -> new Object[] {m.level().name(), utc(at), m.taskId()}).toList());
    batch.batchUpdate("""
            insert into task_escalations (task_id, unit_code, process_instance_id, level, updated_at)
            values (?, ?, ?, ?, ?)""",
        moves.stream().filter(m -> !m.known())
            .map(m -> new Object[] {m.taskId(), m.unitCode(), m.processInstanceId(), m.level().name(), utc(at)})
            .toList());
  }

  /** A task reminded now, at this time before its due date; {@code known} when it was reminded before. */
  record Reminded(String taskId, java.time.Duration before, boolean known) {
  }

  /** Writes a page's reminders, in two batches: each task keeps the shortest time before its due date reached. */
  void remindedAll(List<Reminded> reminded, Instant at) {
    batch.batchUpdate("update task_reminders set reminded_minutes = ?, reminded_at = ? where task_id = ?",
        reminded.stream().filter(Reminded::known)
            .map(r -> new Object[] {(int) r.before().toMinutes(), utc(at), r.taskId()}).toList());
    batch.batchUpdate("insert into task_reminders (task_id, reminded_minutes, reminded_at) values (?, ?, ?)",
        reminded.stream().filter(r -> !r.known())
            .map(r -> new Object[] {r.taskId(), (int) r.before().toMinutes(), utc(at)}).toList());
  }

  /** Writes a page's steps, in one batch. */
  void recordSteps(List<EscalationStep> steps, Map<String, String> processInstances) {
    batch.batchUpdate("""
            insert into escalation_steps (task_id, task_name, unit_code, process_instance_id, level, due_at, taken_at)
            values (?, ?, ?, ?, ?, ?, ?)""",
        steps.stream().map(step -> new Object[] {step.taskId(), step.taskName(), step.unitCode(),
            processInstances.get(step.taskId()), step.level().name(), utc(step.dueAt()), utc(step.takenAt())})
            .toList());
  }

  List<EscalationStep> stepsOf(String unitCode) {
    return jdbc.sql("select * from escalation_steps where unit_code = ? order by taken_at, id").param(unitCode)
        .query((rs, row) -> new EscalationStep(rs.getString("task_id"), rs.getString("task_name"),
            rs.getString("unit_code"), EscalationLevel.valueOf(rs.getString("level")),
            rs.getObject("due_at", OffsetDateTime.class).toInstant(),
            rs.getObject("taken_at", OffsetDateTime.class).toInstant()))
        .list();
  }

  // --- summons: one per unit and period

  /** The unit's summons request of the period, made now if it has none; its id. */
  long summonsRequestOf(String unitCode, String period, String firstTaskId, String cause, Instant at) {
    Optional<Long> existing = summonsRequestId(unitCode, period);
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      jdbc.sql("""
              insert into summons_requests (unit_code, task_id, cause, requested_at, status, period)
              values (?, ?, ?, ?, 'OPEN', ?)""")
          .params(unitCode, firstTaskId, cause, utc(at), period).update();
    } catch (DuplicateKeyException raced) {
      // another node made it in the meantime: use theirs
    }
    return summonsRequestId(unitCode, period).orElseThrow();
  }

  private Optional<Long> summonsRequestId(String unitCode, String period) {
    return jdbc.sql("select id from summons_requests where unit_code = ? and period = ?").params(unitCode, period)
        .query(Long.class).optional();
  }

  /** A task a summons names. */
  record SummonsTask(long requestId, String taskId, String label, Instant due) {
  }

  void addSummonsTasks(List<SummonsTask> tasks, Instant at) {
    batch.batchUpdate("""
            insert into summons_request_tasks (task_id, request_id, task_label, due_at, added_at)
            values (?, ?, ?, ?, ?)""",
        tasks.stream().map(t -> new Object[] {t.taskId(), t.requestId(), t.label(), utc(t.due()), utc(at)}).toList());
  }

  /** A summons request that no talk has taken up yet, with the labels of the tasks it names (oldest due first). */
  record OpenSummonsRequest(long id, String unitCode, List<String> taskLabels) {
  }

  /** These units' summons requests that no talk has taken up yet, each with its tasks, in two queries. */
  List<OpenSummonsRequest> openSummonsRequests(Collection<String> unitCodes) {
    if (unitCodes.isEmpty()) {
      return List.of();
    }
    Map<Long, String> requests = new java.util.LinkedHashMap<>();
    jdbc.sql("select id, unit_code from summons_requests where unit_code in (:units) and status = 'OPEN' order by id")
        .param("units", unitCodes).query(rs -> {
          requests.put(rs.getLong(1), rs.getString(2));
        });
    if (requests.isEmpty()) {
      return List.of();
    }
    Map<Long, List<String>> labels = new HashMap<>();
    jdbc.sql("""
            select request_id, task_label from summons_request_tasks where request_id in (:requests)
             order by request_id, due_at, task_id""")
        .param("requests", requests.keySet()).query(rs -> {
          labels.computeIfAbsent(rs.getLong(1), id -> new java.util.ArrayList<>()).add(rs.getString(2));
        });
    return requests.entrySet().stream().map(request -> new OpenSummonsRequest(request.getKey(), request.getValue(),
        labels.getOrDefault(request.getKey(), List.of()))).toList();
  }

  Optional<String> unitOfSummonsRequest(long requestId) {
    return jdbc.sql("select unit_code from summons_requests where id = ?").param(requestId).query(String.class)
        .optional();
  }

  boolean takeUpSummonsRequest(long requestId, String unitCode) {
    return jdbc.sql("""
            update summons_requests set status = 'STARTED' where id = ? and unit_code = ? and status = 'OPEN'""")
        .params(requestId, unitCode).update() == 1;
  }

  // --- accountability: one per unit, cause and period

  /** Returns false if the unit already has an accountability request for this cause and period. */
  boolean requestAccountability(String unitCode, String cause, String period, String taskId, Instant at) {
    if (jdbc.sql("select count(*) from accountability_requests where unit_code = ? and cause = ? and period = ?")
        .params(unitCode, cause, period).query(Long.class).single() > 0) {
      return false;
    }
    try {
      jdbc.sql("""
              insert into accountability_requests (unit_code, cause, period, first_task_id, requested_at, status)
              values (?, ?, ?, ?, ?, 'OPEN')""")
          .params(unitCode, cause, period, taskId, utc(at)).update();
      return true;
    } catch (DuplicateKeyException raced) {
      return false;
    }
  }

  /** A request of the ladder for an accountability case that no case has taken up yet. */
  record OpenAccountabilityRequest(long id, String unitCode, String cause) {
  }

  /** These units' accountability requests that no case has taken up yet. */
  List<OpenAccountabilityRequest> openAccountabilityRequests(Collection<String> unitCodes) {
    if (unitCodes.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
            select id, unit_code, cause from accountability_requests where unit_code in (:units) and status = 'OPEN'
             order by id""")
        .param("units", unitCodes)
        .query((rs, row) -> new OpenAccountabilityRequest(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
  }

  boolean takeUpAccountabilityRequest(long requestId) {
    return jdbc.sql("update accountability_requests set status = 'STARTED' where id = ? and status = 'OPEN'")
        .param(requestId).update() == 1;
  }

  // --- patrol runs

  void startRun(String run, int units, Instant at) {
    jdbc.sql("insert into escalation_patrol_runs (run_id, units, done, started_at) values (?, ?, 0, ?)")
        .params(run, units, utc(at)).update();
  }

  /** A failed batch of the run was handed on to this many unit escalations of their own, to be counted too. */
  void addToRun(String run, int escalations) {
    jdbc.sql("update escalation_patrol_runs set units = units + ? where run_id = ?").params(escalations, run)
        .update();
  }

  /** Counts one more unit of the run as done (the row lock orders concurrent finishes); true for the last one. */
  boolean unitDone(String run) {
    jdbc.sql("update escalation_patrol_runs set done = done + 1 where run_id = ?").param(run).update();
    return jdbc.sql("select done >= units from escalation_patrol_runs where run_id = ?").param(run)
        .query(Boolean.class).single();
  }

  // --- digests

  /** A line of the next digests, for the members of a group. */
  record DigestItem(String recipientGroup, DigestKind kind, String unitCode, String taskId, String line) {
  }

  /**
   * Writes the lines, those for a patrol's digest already as that patrol's ({@code run}, null: unclaimed); reminder
   * lines stay unclaimed for the daily reminder digest.
   */
  void addDigestItems(List<DigestItem> items, String run, Instant at) {
    batch.batchUpdate("""
            insert into escalation_digest_items (recipient_group, kind, unit_code, task_id, line, created_at,
                                                 digest_run)
            values (?, ?, ?, ?, ?, ?, ?)""",
        items.stream().map(i -> new Object[] {i.recipientGroup(), i.kind().name(), i.unitCode(), i.taskId(),
            i.line(), utc(at), i.kind() == DigestKind.REMINDER ? null : run}).toList());
  }

  boolean hasClaimedDigestItems(String run) {
    return !jdbc.sql("select id from escalation_digest_items where digest_run = ? fetch first 1 rows only")
        .param(run).query(Long.class).list().isEmpty();
  }

  /**
   * Claims for this run's digests every line no digest has claimed yet — a patrol's every kind but reminders (its
   * units wrote theirs as the patrol's already: these are lines an earlier patrol left), the daily reminder digest's
   * the reminders of tasks still open and not yet due (the others are dropped, and the people the reminders go to
   * are written as the run's recipients, none sent yet); returns how many lines.
   */
  int claimDigestItems(String run, boolean reminders, Instant now) {
    if (reminders) {
      // a reminder of a task done since, or due already (supervised now), is not sent
      jdbc.sql("""
              delete from escalation_digest_items
               where digest_run is null and kind = 'REMINDER'
                 and not exists (select 1 from open_task_units o
                                  where o.task_id = escalation_digest_items.task_id and o.due_at > ?)""")
          .param(Timestamp.from(now)).update();
    }
    // the kinds by name, not "<> 'REMINDER'", so that the (kind, digest_run) index finds the few unclaimed lines
    List<String> kinds = java.util.Arrays.stream(DigestKind.values())
        .filter(kind -> (kind == DigestKind.REMINDER) == reminders).map(DigestKind::name).toList();
    int claimed = jdbc.sql("update escalation_digest_items set digest_run = :run where digest_run is null and kind in "
            + "(:kinds)").param("run", run).param("kinds", kinds)
        .update();
    if (claimed > 0 && reminders) {
      addDigestRecipients(run);
    }
    return claimed;
  }

  /** Writes the people this run's lines go to (the members of the lines' groups) as its recipients, none sent yet. */
  void addDigestRecipients(String run) {
    jdbc.sql("""
            insert into escalation_digests (run_id, user_id)
            select distinct g.digest_run, m.USER_ID_
              from (select distinct digest_run, recipient_group from escalation_digest_items
                     where digest_run = ?) g
              join ACT_ID_MEMBERSHIP m on m.GROUP_ID_ = g.recipient_group""")
        .param(run).update();
  }

  /** Whether this run's recipients are written (its first page of digests has run). */
  boolean hasDigestRecipients(String run) {
    return !jdbc.sql("select user_id from escalation_digests where run_id = ? fetch first 1 rows only")
        .param(run).query(String.class).list().isEmpty();
  }

  /** The next people (by login) to get this patrol's digest. */
  List<String> digestRecipients(String run, int limit) {
    return jdbc.sql("""
            select user_id from escalation_digests
             where run_id = :run and sent_at is null
             order by user_id
             fetch first :limit rows only""")
        .param("run", run).param("limit", limit).query(String.class).list();
  }

  /**
   * The groups these people are members of: a page's digest queries read the run's lines of those groups only,
   * through the (run, group) index — the run's lines are a few per due task (185,675 at 53,553 tasks), written
   * moments before, and with their statistics not yet caught up PostgreSQL read all of them for every page of 100
   * people (0.8–1.2 s a query).
   */
  List<String> groupsOf(Collection<String> userIds) {
    return jdbc.sql("select distinct GROUP_ID_ from ACT_ID_MEMBERSHIP where USER_ID_ in (:users)")
        .param("users", userIds).query(String.class).list();
  }

  /**
   * For each of these people, how many distinct tasks of each kind their digest of this patrol names ({@code groups}:
   * theirs, {@link #groupsOf}).
   */
  Map<String, Map<DigestKind, Integer>> digestCounts(String run, Collection<String> userIds, List<String> groups) {
    Map<String, Map<DigestKind, Integer>> counts = new HashMap<>();
    if (groups.isEmpty()) {
      return counts;
    }
    jdbc.sql("""
            select m.USER_ID_, i.kind, count(distinct i.task_id) from escalation_digest_items i
              join ACT_ID_MEMBERSHIP m on m.GROUP_ID_ = i.recipient_group
             where i.digest_run = :run and i.recipient_group in (:groups) and m.USER_ID_ in (:users)
             group by m.USER_ID_, i.kind""")
        .param("run", run).param("groups", groups).param("users", userIds)
        .query(rs -> {
          counts.computeIfAbsent(rs.getString(1), user -> new java.util.EnumMap<>(DigestKind.class))
              .put(DigestKind.valueOf(rs.getString(2)), rs.getInt(3));
        });
    return counts;
  }

  /**
   * For each of these people and each kind, the first {@code limit} distinct lines of their digest of this patrol,
   * in the order they were written: one query for the page of people, whatever the number of lines.
   */
  Map<String, Map<DigestKind, List<String>>> digestLines(String run, Collection<String> userIds,
      List<String> groups, int limit) {
    Map<String, Map<DigestKind, List<String>>> lines = new HashMap<>();
    if (groups.isEmpty()) {
      return lines;
    }
    jdbc.sql("""
            select user_id, kind, line from (
              select m.USER_ID_ as user_id, i.kind, i.line, min(i.id) as first_id,
                     row_number() over (partition by m.USER_ID_, i.kind order by min(i.id)) as position
                from escalation_digest_items i
                join ACT_ID_MEMBERSHIP m on m.GROUP_ID_ = i.recipient_group
               where i.digest_run = :run and i.recipient_group in (:groups) and m.USER_ID_ in (:users)
               group by m.USER_ID_, i.kind, i.line) ranked
             where position <= :limit
             order by user_id, kind, first_id""")
        .param("run", run).param("groups", groups).param("users", userIds).param("limit", limit)
        .query(rs -> {
          lines.computeIfAbsent(rs.getString(1), user -> new java.util.EnumMap<>(DigestKind.class))
              .computeIfAbsent(DigestKind.valueOf(rs.getString(2)), kind -> new java.util.ArrayList<>())
              .add(rs.getString(3));
        });
    return lines;
  }

  /** These people's digests of this patrol are sent: a page that is retried sends nobody a second one. */
  void digestsSent(String run, Collection<String> userIds, Instant at) {
    jdbc.sql("update escalation_digests set sent_at = :at where run_id = :run and user_id in (:users)")
        .param("at", utc(at)).param("run", run).param("users", userIds).update();
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
