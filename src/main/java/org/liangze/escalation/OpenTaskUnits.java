package org.liangze.escalation;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityCache;
import org.camunda.bpm.engine.task.IdentityLink;
import org.liangze.organisation.Groups;
import org.liangze.platform.InsertsAtCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code open_task_units} (Flyway V15): the unit of every open task of a process and its due date, so the
 * overdue report counts by unit with an indexed aggregate instead of deriving every task's unit when it is read.
 *
 * <p>Kept by the engine, in the engine's transaction: a built-in task listener on every user task
 * ({@link EscalationEnginePlugin}) — built-in, so deletions with {@code skipCustomListeners} still remove the row.
 * The engine uses Spring's transaction manager, so the {@link JdbcClient} on the same DataSource joins its
 * transaction: a rolled-back task creation leaves no row. A new task's row is written with the transaction's other
 * new rows just before it commits ({@link InsertsAtCommit}); an update or deletion in the same transaction changes
 * or drops it before it is written. At start-up {@link #reconcile()} adds rows for open tasks
 * that have none (databases and tasks from before this table, nodes of an older version during a rolling upgrade)
 * by the SQL form of the same rule ({@link OverdueWork#UNITS_OF_OPEN_TASKS}), and removes rows of tasks that are gone.
 *
 * <p>Standalone tasks (created in Tasklist, never by the platform) have no task definition and so no listeners; they
 * get no row and the overdue report derives their unit when it is read ({@link OverdueWork}).
 */
@Component
class OpenTaskUnits implements TaskListener {

  private static final Logger LOG = LoggerFactory.getLogger(OpenTaskUnits.class);

  static final String UNIT_CODE_VARIABLE = "unitCode";

  static final String INSERT = "insert into open_task_units (task_id, unit_code, due_at) values (?, ?, ?)";

  private final JdbcClient jdbc;
  private final InsertsAtCommit inserts;

  OpenTaskUnits(JdbcClient jdbc, InsertsAtCommit inserts) {
    this.jdbc = jdbc;
    this.inserts = inserts;
  }

  @Override
  public void notify(DelegateTask task) {
    switch (task.getEventName()) {
      // a new task has no row yet: one insert, written with the transaction's others as it commits (a campaign's
      // batch creates a task per unit)
      case EVENTNAME_CREATE ->
          inserts.insert(INSERT, task.getId(), row(task.getId(), unitOf(task), task.getDueDate()));
      // due date, candidates or another property changed: the row still to be written, else the stored one
      case EVENTNAME_UPDATE -> {
        Object[] row = row(task.getId(), unitOf(task), task.getDueDate());
        if (!inserts.replace(INSERT, task.getId(), row)) {
          store(row);
        }
      }
      case EVENTNAME_COMPLETE, EVENTNAME_DELETE -> {
        if (!inserts.discard(INSERT, task.getId())) {
          remove(task.getId());
        }
      }
      default -> {
        // assignment, timeout: neither changes the unit nor the due date
      }
    }
  }

  /**
   * The Java form of {@link OverdueWork#UNIT_OF}: the unit of the smallest candidate unit group
   * ({@code unit<code><role suffix>}, {@link Groups#unitOf}), else the smallest district candidate group, else the
   * {@code unitCode} variable of the task's execution or process instance, else {@link OverdueWork#UNASSIGNED}.
   * Smallest is {@link String#compareTo}, which is H2's order and PostgreSQL's under the "C" collation.
   */
  static String unitOf(Collection<String> candidateGroups, Supplier<Object> unitCodeVariable) {
    String unitGroup = candidateGroups.stream().filter(Objects::nonNull).filter(g -> g.startsWith("unit"))
        .min(String::compareTo).orElse(null);
    if (unitGroup != null) {
      String unit = Groups.unitOf(unitGroup).orElse(null);
      if (unit != null) {
        return unit;
      }
    }
    String districtGroup = candidateGroups.stream().filter(Objects::nonNull)
        .filter(g -> g.equals(Groups.DISCIPLINE_COMMISSION) || g.equals(Groups.DISTRICT_COMMITTEE))
        .min(String::compareTo).orElse(null);
    if (districtGroup != null) {
      return districtGroup;
    }
    // Camunda keeps a string's (and a number's) text in TEXT_, which the SQL rule reads
    Object variable = unitCodeVariable.get();
    return variable instanceof String || variable instanceof Number ? variable.toString() : OverdueWork.UNASSIGNED;
  }

  private static String unitOf(DelegateTask task) {
    // the task's cached links still hold one deleted in this command (deleteCandidateGroup fires update before the
    // flush and leaves it in the list): the engine's entity cache knows it is deleted
    DbEntityCache cache = Context.getCommandContext().getDbEntityManager().getDbEntityCache();
    Collection<String> groups = task.getCandidates().stream()
        .filter(link -> !(link instanceof DbEntity entity) || !cache.contains(entity) || !cache.isDeleted(entity))
        .map(IdentityLink::getGroupId).filter(Objects::nonNull).toList();
    return unitOf(groups, () -> {
      DelegateExecution execution = task.getExecution();
      if (execution == null) {
        return null;
      }
      // the execution's own variable, else the process instance's own, as the SQL rule (TASK_ID_ is null)
      Object own = execution.getVariableLocal(UNIT_CODE_VARIABLE);
      return own != null || execution.getProcessInstance() == null ? own
          : execution.getProcessInstance().getVariableLocal(UNIT_CODE_VARIABLE);
    });
  }

  private static Object[] row(String taskId, String unitCode, Date dueDate) {
    return new Object[] {taskId, unitCode, timestamp(dueDate)};
  }

  /** Update, or insert for a task created before this table (or on a node of an older version). */
  private void store(Object[] row) {
    int updated = jdbc.sql("update open_task_units set unit_code = ?, due_at = ? where task_id = ?")
        .params(row[1], row[2], row[0]).update();
    if (updated == 0) {
      jdbc.sql(INSERT).params(row).update();
    }
  }

  private static Timestamp timestamp(Date date) {
    return date == null ? null : new Timestamp(date.getTime());
  }

  private void remove(String taskId) {
    jdbc.sql("delete from open_task_units where task_id = ?").param(taskId).update();
  }

  /**
   * Adds the missing rows of open process tasks by the SQL rule, brings due dates changed without a listener up to
   * date and removes rows whose task is gone. Idempotent; runs at every start after the engine's schema update.
   */
  void reconcile() {
    try {
      int added = jdbc.sql("insert into open_task_units (task_id, unit_code, due_at) "
          + "select r.task_id, r.unit_code, r.due_date from (" + OverdueWork.UNITS_OF_OPEN_TASKS + ") r "
          + "where not exists (select 1 from open_task_units o where o.task_id = r.task_id)").update();
      int redated = jdbc.sql("""
          update open_task_units
             set due_at = (select t.DUE_DATE_ from ACT_RU_TASK t where t.ID_ = open_task_units.task_id)
           where exists (select 1 from ACT_RU_TASK t where t.ID_ = open_task_units.task_id
                            and t.DUE_DATE_ is distinct from open_task_units.due_at)""").update();
      int removed = jdbc.sql("delete from open_task_units "
          + "where not exists (select 1 from ACT_RU_TASK t where t.ID_ = open_task_units.task_id)").update();
      LOG.info("Open task units reconciled: {} added, {} due dates updated, {} removed", added, redated, removed);
    } catch (DataIntegrityViolationException e) {
      // another node reconciled at the same moment and added the same rows first
      LOG.info("Open task units reconciled concurrently by another node: {}", e.getMessage());
    }
  }

  /** Every row, task id → unit code (tests compare it with the SQL rule). */
  Map<String, String> units() {
    return jdbc.sql("select task_id, unit_code from open_task_units").query((rs, n) -> Map.entry(
        rs.getString(1), rs.getString(2))).list().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /** Every open process task's unit by the SQL rule. */
  Map<String, String> unitsBySqlRule() {
    return jdbc.sql("select task_id, unit_code from (" + OverdueWork.UNITS_OF_OPEN_TASKS + ") r")
        .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
