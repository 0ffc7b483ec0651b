package org.liangze.escalation;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.liangze.notification.NotificationKind;
import org.liangze.notification.Notifications;
import org.liangze.organisation.Groups;
import org.liangze.organisation.Role;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The escalation ladder (督责) for every user task with a due date, in every process: a reminder before it is due,
 * a supervision notice to the unit's secretary when it is overdue (and the instance marked overdue for Cockpit), a
 * problem summons requested later, an accountability case requested later still — at most one per unit and cause.
 * Nothing is overdue silently. The patrol runs on a timer (the escalation-patrol process) and is idempotent: each
 * step is taken once per task; completing a task takes it off the ladder.
 */
@Service
public class Escalations {

  private static final Logger log = LoggerFactory.getLogger(Escalations.class);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");
  static final String UNIT_CODE = "unitCode";

  private final TaskService tasks;
  private final RuntimeService runtime;
  private final RepositoryService repository;
  private final EscalationRepository escalations;
  private final Notifications notifications;
  private final UnitRepository units;
  private final EscalationProperties properties;
  private final OverdueMarks overdueMarks;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  Escalations(TaskService tasks, RuntimeService runtime, RepositoryService repository,
      EscalationRepository escalations, Notifications notifications, UnitRepository units,
      EscalationProperties properties, OverdueMarks overdueMarks, Clock clock, ApplicationEventPublisher events) {
    this.tasks = tasks;
    this.runtime = runtime;
    this.repository = repository;
    this.escalations = escalations;
    this.notifications = notifications;
    this.units = units;
    this.properties = properties;
    this.overdueMarks = overdueMarks;
    this.clock = clock;
    this.events = events;
  }

  /** Moves every task with a due date up the ladder as far as the clock says; returns the number of steps taken. */
  @Transactional
  public int patrol() {
    Instant now = clock.instant();
    int steps = 0;
    // dueBefore is strict: a millisecond more takes in the task whose reminder falls due exactly now
    Date horizon = Date.from(now.plus(properties.remindBefore()).plusMillis(1));
    for (Task task : tasks.createTaskQuery().active().dueBefore(horizon)
        .orderByDueDate().asc().list()) {
      steps += climb(task, now);
    }
    if (steps > 0) {
      log.info("Escalation patrol took {} step(s)", steps);
    }
    return steps;
  }

  /** Where on the ladder a task with this due date stands at this moment. */
  EscalationLevel levelAt(Instant due, Instant now) {
    if (!now.isBefore(due.plus(properties.accountabilityAfter()))) {
      return EscalationLevel.ESCALATED;
    }
    if (!now.isBefore(due.plus(properties.summonsAfter()))) {
      return EscalationLevel.SUMMONED;
    }
    if (!now.isBefore(due)) {
      return EscalationLevel.OVERDUE;
    }
    return now.isBefore(due.minus(properties.remindBefore())) ? EscalationLevel.NONE : EscalationLevel.REMINDED;
  }

  private int climb(Task task, Instant now) {
    Instant due = task.getDueDate().toInstant();
    EscalationLevel current = escalations.levelOf(task.getId());
    EscalationLevel target = levelAt(due, now);
    if (target.compareTo(current) <= 0) {
      return 0;
    }
    String unitCode = unitOf(task).orElse(null);
    int taken = 0;
    for (EscalationLevel level : EscalationLevel.values()) {
      // a task first seen already overdue gets no "due soon" reminder
      boolean skipReminder = level == EscalationLevel.REMINDED && target.compareTo(EscalationLevel.REMINDED) > 0;
      if (level.compareTo(current) <= 0 || level.compareTo(target) > 0 || skipReminder) {
        continue;
      }
      if (unitCode == null && level.compareTo(EscalationLevel.OVERDUE) > 0) {
        break; // summons and accountability concern a unit
      }
      take(level, task, unitCode, due, now);
      taken++;
    }
    escalations.moveTo(task.getId(), unitCode, task.getProcessInstanceId(), target,
        current != EscalationLevel.NONE, now);
    return taken;
  }

  private void take(EscalationLevel level, Task task, String unitCode, Instant due, Instant now) {
    escalations.recordStep(new EscalationStep(task.getId(), task.getName(), unitCode, level, due, now),
        task.getProcessInstanceId());
    String unitName = unitCode == null ? "" : units.findByCode(unitCode).map(Unit::name).orElse(unitCode);
    String dueText = DATE.format(due.atZone(zone()));
    switch (level) {
      case REMINDED -> candidateGroups(task).forEach(group -> notifications.notifyGroup(group,
          NotificationKind.REMINDER, "【提醒】“" + task.getName() + "”将于" + dueText + "到期",
          "您有一项任务即将到期：" + task.getName() + "，截止时间" + dueText + "。请及时办理。", unitCode, task.getId()));
      case OVERDUE -> {
        overdueMarks.markOverdue(task.getProcessInstanceId(), WarningLevel.YELLOW);
        runtime.setVariablesLocal(task.getExecutionId(), Map.of(EscalationVariables.TASK_OVERDUE, true,
            EscalationVariables.LATE_REASON, ""));
        String to = unitCode == null ? null : Groups.of(Role.SECRETARY, unitCode);
        for (String group : to == null ? candidateGroups(task) : List.of(to)) {
          notifications.notifyGroup(group, NotificationKind.SUPERVISION_NOTICE,
              "【督办】" + unitName + "“" + task.getName() + "”已逾期",
              unitName + "的任务“" + task.getName() + "”已于" + dueText + "到期仍未办结。请督促尽快办理，"
                  + "逾期办理须说明原因。", unitCode, task.getId());
        }
      }
      case SUMMONED -> {
        overdueMarks.markOverdue(task.getProcessInstanceId(), WarningLevel.RED);
        String cause = causeOf(task);
        escalations.requestSummons(unitCode, task.getId(), cause, now);
        // the talk feature starts the summons from it, in this transaction
        events.publishEvent(new SummonsRequested(unitCode, task.getId(), cause, task.getName()));
        notifications.notifyGroup(Groups.DISCIPLINE_COMMISSION, NotificationKind.SUMMONS_REQUESTED,
            "【约谈】建议约谈" + unitName, unitName + "“" + task.getName() + "”逾期超过"
                + properties.summonsAfter().toDays() + "天（截止时间" + dueText + "），建议开展问题约谈。",
            unitCode, task.getId());
      }
      case ESCALATED -> {
        String cause = causeOf(task);
        if (escalations.requestAccountability(unitCode, cause, task.getId(), now)) {
          events.publishEvent(new AccountabilityRequested(unitCode, cause));
          notifications.notifyGroup(Groups.DISCIPLINE_COMMISSION, NotificationKind.ACCOUNTABILITY_REQUESTED,
              "【问责】建议对" + unitName + "启动问责", unitName + "“" + task.getName() + "”逾期超过"
                  + properties.accountabilityAfter().toDays() + "天仍未办结，建议启动问责（" + cause + "）。",
              unitCode, task.getId());
        }
      }
      default -> throw new IllegalStateException("No step for " + level);
    }
  }

  /** The kind of failure: which step of which process ran late. One accountability case per unit and cause. */
  private String causeOf(Task task) {
    String process = repository.getProcessDefinition(task.getProcessDefinitionId()).getName();
    return "逾期未办：" + process + " / " + task.getTaskDefinitionKey();
  }

  /**
   * The unit whose work the task is: the unit of its candidate groups. A task offered only to district bodies (the
   * committee answering an objection, the commission reviewing a list) is theirs, not the unit's, even though its
   * process concerns a unit: their lateness must not summon the unit. Only a task without candidate groups falls
   * back to its process's {@code unitCode}.
   */
  private Optional<String> unitOf(Task task) {
    List<String> groups = candidateGroups(task);
    Optional<String> unit = groups.stream().flatMap(group -> Groups.unitOf(group).stream()).findFirst();
    if (unit.isPresent() || !groups.isEmpty()) {
      return unit;
    }
    return tasks.getVariable(task.getId(), UNIT_CODE) instanceof String code ? Optional.of(code) : Optional.empty();
  }

  private List<String> candidateGroups(Task task) {
    return tasks.getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
        .map(IdentityLink::getGroupId)
        .toList();
  }

  private ZoneId zone() {
    return clock.getZone();
  }

  public List<EscalationStep> stepsOf(String unitCode) {
    return escalations.stepsOf(unitCode);
  }
}
