package org.liangze.escalation;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.NativeExecutionQueryImpl;
import org.camunda.bpm.engine.impl.VariableInstanceQueryImpl;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.core.variable.scope.VariableCollectionProvider;
import org.camunda.bpm.engine.impl.core.variable.scope.VariableStore;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.pvm.runtime.Callback;
import org.camunda.bpm.engine.impl.pvm.runtime.PvmExecutionImpl;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A patrol page's variables in one engine command (within the page's job, the job's own command): each newly
 * overdue task's execution locals ({@code taskOverdue}, {@code lateReason}) and each instance's Cockpit marks
 * ({@code overdue}, {@code warningLevel}, only ever raised). What {@code RuntimeService.setVariablesLocal} and
 * {@code setVariables} did per task and instance — the same command checks, the same variable entities, listeners
 * (history as {@link MarksWithoutHistory} says) and delayed-event dispatch — but the page's executions are read in
 * one query and all their variables in another, where each call read its execution's variables by a query of its
 * own (and, outside a job, was a command with a flush of its own).
 *
 * <p>The variables go into each execution's variable store through its (protected) field; should a later engine
 * not have it, each execution reads its own variables as before, one query each.
 */
final class PageMarks implements Command<Void> {

  private static final Logger log = LoggerFactory.getLogger(PageMarks.class);
  /** ExecutionEntity's variable store (protected): filled from the page's one variable query. */
  private static final Field VARIABLE_STORE = variableStoreField();

  /** Levels of parent executions read ahead (a task in a sub-process of a multi-instance: three). */
  private static final int MAX_PARENT_LEVELS = 3;

  private final Map<String, Map<String, Object>> locals;
  private final Map<String, WarningLevel> levels;

  /**
   * @param locals variables to set locally on executions, by execution id
   * @param levels the level each process instance is marked at, unless it is marked as high already
   */
  PageMarks(Map<String, Map<String, Object>> locals, Map<String, WarningLevel> levels) {
    this.locals = locals;
    this.levels = levels;
  }

  @Override
  public Void execute(CommandContext context) {
    Set<String> ids = new LinkedHashSet<>(locals.keySet());
    ids.addAll(levels.keySet());
    if (ids.isEmpty()) {
      return null;
    }
    Map<String, ExecutionEntity> executions = prefetch(context, ids);
    locals.forEach((id, variables) -> {
      ExecutionEntity execution = checked(context, find(context, executions, id));
      execution.setVariablesLocal(variables);
      execution.dispatchDelayedEventsAndPerformOperation((Callback<PvmExecutionImpl, Void>) null);
    });
    levels.forEach((id, level) -> {
      ExecutionEntity instance = checked(context, find(context, executions, id));
      Object marked = instance.getVariableLocal(OverdueMarks.WARNING_LEVEL);
      WarningLevel present = marked instanceof String name ? OverdueMarks.parse(name) : null;
      if (Boolean.TRUE.equals(instance.getVariableLocal(OverdueMarks.OVERDUE)) && present != null
          && present.compareTo(level) >= 0) {
        return; // never lowered
      }
      instance.setVariables(Map.of(OverdueMarks.OVERDUE, Variables.booleanValue(true),
          OverdueMarks.WARNING_LEVEL, Variables.stringValue(level.name())));
      instance.dispatchDelayedEventsAndPerformOperation((Callback<PvmExecutionImpl, Void>) null);
    });
    return null;
  }

  /**
   * The page's executions (the tasks' and the instances') in one query, their parents in one per level, and the
   * variables of the page's executions in one more, into the command's entity cache and each execution's variable
   * store. Internal reads, as the engine's own commands make them: no authorization check.
   */
  private Map<String, ExecutionEntity> prefetch(CommandContext context, Set<String> ids) {
    Map<String, ExecutionEntity> executions = new HashMap<>();
    context.runWithoutAuthorization(() -> {
      load(context, ids, executions);
      // and the tasks' parent executions (a multi-instance task's, in a campaign), which a local variable's
      // initialiser reads: a query per level of the tree, not one per task
      for (int level = 0; level < MAX_PARENT_LEVELS; level++) {
        Set<String> parents = new LinkedHashSet<>();
        executions.values().forEach(execution -> {
          if (execution.getParentId() != null && !executions.containsKey(execution.getParentId())) {
            parents.add(execution.getParentId());
          }
        });
        if (parents.isEmpty()) {
          break;
        }
        load(context, parents, executions);
      }
      if (VARIABLE_STORE == null) {
        return null;
      }
      Map<String, List<VariableInstanceEntity>> variables = new HashMap<>();
      ids.forEach(id -> variables.put(id, new ArrayList<>()));
      VariableInstanceQueryImpl query = new VariableInstanceQueryImpl();
      query.executionIdIn(ids.toArray(String[]::new));
      for (VariableInstance found : context.getVariableInstanceManager().findVariableInstanceByQueryCriteria(query,
          null)) {
        // an execution's own variables, as the engine reads them: not its tasks' locals
        if (found.getTaskId() == null && variables.containsKey(found.getExecutionId())) {
          variables.get(found.getExecutionId()).add((VariableInstanceEntity) found);
        }
      }
      for (String id : ids) {
        initialise(find(context, executions, id), variables.get(id));
      }
      return null;
    });
    return executions;
  }

  /** These executions by id, in one query, into the command's entity cache and {@code into}. */
  private static void load(CommandContext context, Set<String> ids, Map<String, ExecutionEntity> into) {
    NativeExecutionQueryImpl byId = new NativeExecutionQueryImpl(context);
    List<String> parameters = new ArrayList<>();
    for (String id : ids) {
      String parameter = "e" + parameters.size();
      parameters.add("#{" + parameter + "}");
      byId.parameter(parameter, id);
    }
    byId.sql("select * from " + context.getTableDataManager().getTableName(ExecutionEntity.class, true)
        + " where ID_ in (" + String.join(", ", parameters) + ")");
    for (Execution execution : byId.list()) {
      into.put(execution.getId(), (ExecutionEntity) execution);
    }
  }

  private static ExecutionEntity find(CommandContext context, Map<String, ExecutionEntity> executions, String id) {
    ExecutionEntity execution = executions.computeIfAbsent(id,
        key -> context.getExecutionManager().findExecutionById(key));
    if (execution == null) {
      // as RuntimeService: the task was completed meanwhile; the page is rolled back and its job tried again
      throw new org.camunda.bpm.engine.exception.NullValueException("execution " + id + " doesn't exist");
    }
    return execution;
  }

  /** The checks RuntimeService makes before it sets an execution's variables (none for the job executor). */
  private static ExecutionEntity checked(CommandContext context, ExecutionEntity execution) {
    for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
      checker.checkUpdateProcessInstanceVariables(execution);
    }
    return execution;
  }

  /** Fills an execution's variable store, unless it was read before, from the page's variable query. */
  @SuppressWarnings("unchecked")
  private static void initialise(ExecutionEntity execution, Collection<VariableInstanceEntity> variables) {
    try {
      VariableStore<VariableInstanceEntity> store = (VariableStore<VariableInstanceEntity>) VARIABLE_STORE
          .get(execution);
      if (!store.isInitialized()) {
        store.setVariablesProvider(new VariableCollectionProvider<>(variables));
        try {
          store.forceInitialization();
        } finally {
          store.setVariablesProvider(execution);
        }
      }
    } catch (IllegalAccessException | RuntimeException unreadable) {
      // the engine reads the execution's variables itself, one query
      log.debug("Variables of execution {} not prefetched", execution.getId(), unreadable);
    }
  }

  private static Field variableStoreField() {
    try {
      Field field = ExecutionEntity.class.getDeclaredField("variableStore");
      field.setAccessible(true);
      return field;
    } catch (ReflectiveOperationException | RuntimeException unavailable) {
      log.warn("ExecutionEntity.variableStore unavailable: a patrol page reads each execution's variables by itself",
          unavailable);
      return null;
    }
  }
}
