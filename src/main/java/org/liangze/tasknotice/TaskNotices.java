package org.liangze.tasknotice;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.liangze.notification.NotificationKind;
import org.liangze.notification.Notifications;
import org.liangze.organisation.Groups;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.tasknotice.TaskNoticeRepository.Candidate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends the notices of new tasks (新任务通知), a page of tasks at a time: the people each task is for — its assignee,
 * else its candidate users and the members of its candidate groups — get one notification per page naming every
 * task of the page that is theirs: process and task by name, unit, due date (yyyy年M月d日) and a link to the task
 * in Tasklist. A task done (or deleted) before its notice went out is not announced.
 */
@Service
public class TaskNotices {

  private static final Logger log = LoggerFactory.getLogger(TaskNotices.class);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");
  /** Tasks per transaction. */
  static final int PAGE = 200;
  /** Tasks one notice lists; the rest are counted. */
  static final int LISTED = 15;
  static final String UNIT_CODE_VARIABLE = "unitCode";

  private final TaskNoticeRepository repository;
  private final TaskService tasks;
  private final RepositoryService definitions;
  private final RuntimeService runtime;
  private final UnitRepository units;
  private final Notifications notifications;
  private final Clock clock;
  private final String publicUrl;

  TaskNotices(TaskNoticeRepository repository, TaskService tasks, RepositoryService definitions,
      RuntimeService runtime, UnitRepository units, Notifications notifications, Clock clock,
      @Value("${liangze.public-url:http://localhost:8080}") String publicUrl) {
    this.repository = repository;
    this.tasks = tasks;
    this.definitions = definitions;
    this.runtime = runtime;
    this.units = units;
    this.notifications = notifications;
    this.clock = clock;
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  /**
   * A new task as its notice words it; {@code unitsOwn} when it is offered to the unit's own groups (the unit has a
   * new task), not to a district body or a person working on the unit's matter.
   */
  record NewTask(String taskId, String taskName, String processName, String unitCode, String unitName,
      String due, boolean unitsOwn) {
  }

  /** Sends the notices of the next page of new tasks; returns whether more are waiting. */
  @Transactional
  public boolean sendNext() {
    List<String> page = repository.pending(PAGE);
    if (page.isEmpty()) {
      return false;
    }
    Map<String, Task> open = tasks.createTaskQuery().taskIdIn(page.toArray(String[]::new)).list().stream()
        .collect(Collectors.toMap(Task::getId, Function.identity()));
    Map<String, List<Candidate>> candidates = repository.candidates(open.keySet());
    Map<String, TreeSet<String>> members = repository.members(candidates.values().stream()
        .flatMap(List::stream).map(Candidate::groupId).filter(Objects::nonNull).collect(Collectors.toSet()));
    Map<String, String> processNames = new HashMap<>();
    Map<String, Unit> unitsByCode = new HashMap<>(); // the district's units, read once for the page
    Map<String, List<NewTask>> byPerson = new LinkedHashMap<>();
    for (String taskId : page) {
      Task task = open.get(taskId);
      if (task == null) {
        continue; // done or deleted before its notice: nothing to announce
      }
      List<Candidate> links = candidates.getOrDefault(taskId, List.of());
      Set<String> people = new TreeSet<>();
      if (task.getAssignee() != null) {
        people.add(task.getAssignee());
      } else {
        for (Candidate link : links) {
          if (link.userId() != null) {
            people.add(link.userId());
          } else {
            people.addAll(members.getOrDefault(link.groupId(), new TreeSet<>()));
          }
        }
      }
      if (people.isEmpty()) {
        continue;
      }
      Optional<String> unitGroup = unitGroupOf(links);
      boolean unitsOwn = unitGroup.isPresent() && task.getAssignee() == null;
      String unitCode = unitGroup.isPresent() ? unitGroup.get() : unitVariableOf(task);
      if (unitCode != null && unitsByCode.isEmpty()) {
        units.findAll().forEach(known -> unitsByCode.put(known.code(), known));
      }
      Optional<Unit> unit = Optional.ofNullable(unitCode == null ? null : unitsByCode.get(unitCode));
      NewTask line = new NewTask(taskId, nameOf(task.getName(), "未命名任务"),
          processNames.computeIfAbsent(String.valueOf(task.getProcessDefinitionId()), this::processName),
          unit.map(Unit::code).orElse(null), unit.map(Unit::name).orElse(null),
          task.getDueDate() == null ? null : DATE.format(task.getDueDate().toInstant().atZone(clock.getZone())),
          unitsOwn && unit.isPresent());
      people.forEach(person -> byPerson.computeIfAbsent(person, p -> new ArrayList<>()).add(line));
    }
    byPerson.forEach(this::tell);
    repository.done(page);
    log.info("New-task notices: {} task(s), {} person(s) told", page.size(), byPerson.size());
    return page.size() == PAGE;
  }

  private void tell(String userId, List<NewTask> newTasks) {
    NewTask first = newTasks.get(0);
    String unitCode = newTasks.stream().map(NewTask::unitCode).distinct().count() == 1 ? first.unitCode() : null;
    if (newTasks.size() == 1) {
      String subject = "【新任务】" + (first.unitsOwn() ? first.unitName() + "有新任务：" : "您有新任务：")
          + first.taskName() + "（" + first.processName() + "）";
      String body = (first.unitsOwn() ? first.unitName() + "有一项新任务" : "您有一项新任务")
          + "，请在截止日期前办理。\n\n" + describe(first);
      notifications.notifyUser(userId, NotificationKind.TASK_CREATED, shorten(subject, 290), shorten(body, 3900),
          unitCode, first.taskId());
      return;
    }
    String subject = "【新任务】您有" + newTasks.size() + "项新任务：" + first.taskName() + "（" + first.processName()
        + "）等";
    StringBuilder body = new StringBuilder("您（或您所在单位）有").append(newTasks.size())
        .append("项新任务，请在截止日期前办理。\n");
    for (int i = 0; i < Math.min(LISTED, newTasks.size()); i++) {
      body.append("\n").append(i + 1).append(". ").append(describe(newTasks.get(i)).replace("\n", "\n   "))
          .append("\n");
    }
    if (newTasks.size() > LISTED) {
      body.append("\n……另有").append(newTasks.size() - LISTED).append("项，请在待办任务中查看：").append(publicUrl)
          .append("/camunda/app/tasklist/\n");
    }
    notifications.notifyUser(userId, NotificationKind.TASK_CREATED, shorten(subject, 290),
        shorten(body.toString(), 3900), unitCode, null);
  }

  private String describe(NewTask task) {
    return "流程：" + task.processName() + "\n任务：" + task.taskName()
        + (task.unitName() == null ? "" : "\n单位：" + task.unitName())
        + "\n截止日期：" + (task.due() == null ? "无" : task.due())
        + "\n办理：" + publicUrl + "/camunda/app/tasklist/default/#/?task=" + task.taskId();
  }

  /** The unit of the task's smallest candidate unit group ({@code unit<code><role>}), as the overdue report has it. */
  private static Optional<String> unitGroupOf(List<Candidate> links) {
    return links.stream().map(Candidate::groupId).filter(Objects::nonNull)
        .filter(group -> group.startsWith("unit")).sorted().map(Groups::unitOf).flatMap(Optional::stream)
        .findFirst();
  }

  /** The unit whose matter a task of a district body or a person is: the {@code unitCode} its execution sees. */
  private String unitVariableOf(Task task) {
    if (task.getExecutionId() == null) {
      return null;
    }
    Object variable = runtime.getVariable(task.getExecutionId(), UNIT_CODE_VARIABLE);
    return variable instanceof String code ? code : null;
  }

  private String processName(String definitionId) {
    if ("null".equals(definitionId)) {
      return "未命名流程";
    }
    return nameOf(definitions.getProcessDefinition(definitionId).getName(), "未命名流程");
  }

  private static String nameOf(String name, String fallback) {
    return name == null || name.isBlank() ? fallback : name;
  }

  private static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
