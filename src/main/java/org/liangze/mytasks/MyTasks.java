package org.liangze.mytasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.liangze.escalation.EscalationPolicy;
import org.liangze.escalation.EscalationVariables;
import org.liangze.escalation.WarningLevel;
import org.liangze.organisation.Groups;
import org.liangze.organisation.Official;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.platform.FormInputs;
import org.liangze.platform.InvalidInputException;
import org.liangze.platform.NotFoundException;
import org.liangze.platform.TaskForms;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 我的待办 on a phone: the person's open tasks — those of Tasklist's shared filter 我的待办 (assigned to them, or
 * offered to them or their groups), run with their own authorizations — and the completion of the simple ones
 * ({@link Kind}) with what their Tasklist form asks. A completion is checked as Tasklist's form checks it
 * ({@link TaskForms}: only the form's keys, the visible required fields, lengths and choices), then claimed (if
 * nobody has) and completed as the person in one transaction, so a refusal by the form's check or by the process's
 * own listeners changes nothing.
 */
@Service
public class MyTasks {

  /** The Tasklist filter whose tasks the page lists ({@link TasklistFilters}). */
  static final String MY_TASKS_FILTER = "我的待办";
  static final int MAX_TASKS = 200;
  static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");
  static final String UNIT_CODE = "unitCode";

  /** The tasks completed on the page, by the key of their Camunda Form. */
  public enum Kind {
    SIGN_LETTER("letter-sign"),
    ASSESS_SELF_CHECK("self-check-assess"),
    FULFIL_COMMITMENT("talk-commitment-fulfil"),
    /** Everything else: opened in Tasklist. */
    IN_TASKLIST(null);

    final String formKey;

    Kind(String formKey) {
      this.formKey = formKey;
    }

    static Kind of(Task task) {
      String key = task.getCamundaFormRef() == null ? null : task.getCamundaFormRef().getKey();
      for (Kind kind : values()) {
        if (kind.formKey != null && kind.formKey.equals(key)) {
          return kind;
        }
      }
      return IN_TASKLIST;
    }
  }

  /** How a task's due date looks: overdue red, within the reminder period amber, else plain. */
  public enum Due {
    OVERDUE("已逾期"), SOON("即将到期"), NORMAL(""), NONE("");

    final String label;

    Due(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** One open task as the list shows it. */
  public record Item(String id, String name, String processName, String unitCode, String unitName, Instant due,
      String dueLabel, Due dueState, Kind kind) {

    public String cssClass() {
      return dueState.name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final TaskService tasks;
  private final FilterService filters;
  private final RepositoryService repository;
  private final HistoryService history;
  private final IdentityService identity;
  private final UnitRepository units;
  private final EscalationPolicy escalation;
  private final TaskForms forms;
  private final Clock clock;
  private final ObjectMapper json;
  private final TransactionTemplate transaction;

  MyTasks(TaskService tasks, FilterService filters, RepositoryService repository, HistoryService history,
      IdentityService identity,
      UnitRepository units, EscalationPolicy escalation, TaskForms forms, Clock clock, ObjectMapper json,
      PlatformTransactionManager transactions) {
    this.tasks = tasks;
    this.filters = filters;
    this.repository = repository;
    this.history = history;
    this.identity = identity;
    this.units = units;
    this.escalation = escalation;
    this.forms = forms;
    this.clock = clock;
    this.json = json;
    this.transaction = new TransactionTemplate(transactions);
  }

  /** The person's open tasks, soonest due first (overdue at the top), those without a due date last. */
  List<Item> list(Official person) {
    List<Task> found = mine(person, null);
    Map<String, String> processNames = processNames(found);
    return found.stream().map(task -> item(task, processNames))
        .sorted(Comparator.comparing(Item::due, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Item::name))
        .toList();
  }

  /** One of the person's open tasks, or {@link NotFoundException} if it is not one (gone, or someone else's). */
  Item item(Official person, String taskId) {
    List<Task> found = mine(person, taskId);
    if (found.isEmpty()) {
      throw new NotFoundException("未找到该待办：它可能已经办理完毕，或者不是您的待办。");
    }
    return item(found.get(0), processNames(found));
  }

  /**
   * The name of a task the person completed (it is assigned to them, and ended), for the list's 已办理 notice: the
   * notice names only what the person did, never text from the address.
   */
  Optional<String> completedBy(Official person, String taskId) {
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      HistoricTaskInstance done = history.createHistoricTaskInstanceQuery().taskId(taskId).finished()
          .taskAssignee(person.userId()).singleResult();
      return Optional.ofNullable(done).map(HistoricTaskInstance::getName);
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

  /** The task's variables (read as the person). */
  Map<String, Object> variables(String taskId) {
    return tasks.getVariables(taskId);
  }

  /** The rows of a self-check share as the form shows them (item, itemId, status, note, evidence, records). */
  List<Map<String, Object>> rows(Object items) {
    return FormInputs.optionalRows(json, items, Map.class, "自查事项格式不正确").stream()
        .map(row -> {
          Map<String, Object> copy = new LinkedHashMap<>();
          row.forEach((key, value) -> copy.put(String.valueOf(key), value));
          return copy;
        })
        .toList();
  }

  /**
   * Completes one of the person's tasks with these variables, after the form's check; claims it first when nobody
   * has. A list under {@code items} (the self-check's dynamic list) is sent as the JSON variable the form sends.
   */
  void complete(Official person, String taskId, Map<String, Object> submitted) {
    Item item = item(person, taskId);
    if (item.kind() == Kind.IN_TASKLIST) {
      throw new InvalidInputException("此任务请在任务列表中办理");
    }
    JsonNode form = forms.formOf(taskId).orElseThrow(() -> new InvalidInputException("此任务请在任务列表中办理"));
    forms.check(form, submitted, variables(taskId));
    Map<String, Object> variables = new HashMap<>(submitted);
    if (variables.get("items") instanceof List<?> rows) {
      variables.put("items", FormInputs.jsonVariable(json, rows));
    }
    try {
      transaction.executeWithoutResult(status -> {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
          throw new NotFoundException("未找到该待办：它可能已经办理完毕，或者不是您的待办。");
        }
        if (task.getAssignee() == null) {
          tasks.claim(taskId, person.userId());
        } else if (!task.getAssignee().equals(person.userId())) {
          throw new InvalidInputException("该任务已由他人认领，您不能办理");
        }
        tasks.complete(taskId, variables);
      });
    } catch (TaskAlreadyClaimedException e) {
      throw new InvalidInputException("该任务已由他人认领，您不能办理");
    } catch (AuthorizationException e) {
      throw new InvalidInputException("您无权办理此任务");
    }
  }

  private List<Task> mine(Official person, String taskId) {
    Filter filter = filters.createFilterQuery().filterName(MY_TASKS_FILTER).singleResult();
    TaskQuery extending = tasks.createTaskQuery().initializeFormKeys();
    if (taskId != null) {
      extending.taskId(taskId);
    }
    if (filter != null) {
      return filters.listPage(filter.getId(), extending, 0, MAX_TASKS);
    }
    // before the shared filters exist: the filter's own query, for the person
    return extending.taskCandidateUser(person.userId()).includeAssignedTasks().listPage(0, MAX_TASKS);
  }

  private Item item(Task task, Map<String, String> processNames) {
    String unitCode = unitOf(task);
    Optional<Unit> unit = unitCode == null ? Optional.empty() : units.findByCode(unitCode);
    Instant due = task.getDueDate() == null ? null : task.getDueDate().toInstant();
    Due state = Due.NONE;
    if (due != null) {
      WarningLevel level = WarningLevel.of(due, clock.instant(), escalation.ladderOf(unitCode));
      state = level == null ? Due.NORMAL : level.isOverdue() ? Due.OVERDUE : Due.SOON;
    }
    return new Item(task.getId(), task.getName(), processNames.getOrDefault(task.getProcessDefinitionId(), ""),
        unitCode, unit.map(Unit::name).orElse(null), due, due == null ? null : DAY.format(due.atZone(clock.getZone())),
        state, Kind.of(task));
  }

  /** The task's unit: its {@code unitCode} variable, else the unit of its candidate unit group. */
  private String unitOf(Task task) {
    if (task.getExecutionId() != null && tasks.getVariable(task.getId(), UNIT_CODE) instanceof String code) {
      return code;
    }
    return tasks.getIdentityLinksForTask(task.getId()).stream().map(IdentityLink::getGroupId)
        .filter(Objects::nonNull).flatMap(group -> Groups.unitOf(group).stream()).sorted().findFirst()
        .orElse(null);
  }

  /** The names of the tasks' processes; read as the platform — a process's name is no secret of its tasks. */
  private Map<String, String> processNames(List<Task> found) {
    Map<String, String> names = new HashMap<>();
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      for (Task task : found) {
        if (task.getProcessDefinitionId() != null && !names.containsKey(task.getProcessDefinitionId())) {
          ProcessDefinition definition = repository.getProcessDefinition(task.getProcessDefinitionId());
          names.put(task.getProcessDefinitionId(), definition.getName() == null ? "" : definition.getName());
        }
      }
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
    return names;
  }

  static boolean overdue(Map<String, Object> variables) {
    return Boolean.TRUE.equals(variables.get(EscalationVariables.TASK_OVERDUE));
  }
}
