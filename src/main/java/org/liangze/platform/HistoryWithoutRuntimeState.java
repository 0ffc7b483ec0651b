package org.liangze.platform;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * The engine's history, written as Camunda writes it, except for the variables the features declare runtime state
 * ({@link VariablesWithoutHistory}), for the variables they declare offered, their creation on an activity, and for
 * the variables they declare set once, the detail row of their creation: this handler takes the place of Camunda's
 * default one.
 */
@Component
class HistoryWithoutRuntimeState extends AbstractProcessEnginePlugin {

  private final List<VariablesWithoutHistory> sources;

  HistoryWithoutRuntimeState(List<VariablesWithoutHistory> sources) {
    this.sources = List.copyOf(sources);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
    handlers.add(new Handler());
    configuration.setCustomHistoryEventHandlers(handlers);
    configuration.setEnableDefaultDbHistoryEventHandler(false);
  }

  boolean withoutHistory(HistoryEvent event) {
    if (!(event instanceof HistoricVariableUpdateEventEntity variable)) {
      return false;
    }
    boolean offered = variable.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_CREATE)
        && variable.getExecutionId() != null && !variable.getExecutionId().equals(variable.getProcessInstanceId());
    for (VariablesWithoutHistory source : sources) {
      if (source.withoutHistory(variable.getProcessDefinitionKey(), variable.getVariableName())
          || offered && source.offeredWithoutHistory(variable.getProcessDefinitionKey(), variable.getVariableName())) {
        return true;
      }
    }
    return false;
  }

  /** A variable's creation whose detail row is left out ({@link VariablesWithoutHistory#createdWithoutDetail}). */
  boolean withoutDetail(HistoricVariableUpdateEventEntity variable) {
    if (!variable.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_CREATE)) {
      return false;
    }
    for (VariablesWithoutHistory source : sources) {
      if (source.createdWithoutDetail(variable.getProcessDefinitionKey(), variable.getVariableName())) {
        return true;
      }
    }
    return false;
  }

  private class Handler extends DbHistoryEventHandler {

    @Override
    protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity variable) {
      return super.shouldWriteHistoricDetail(variable) && !withoutDetail(variable);
    }

    @Override
    public void handleEvent(HistoryEvent event) {
      if (!withoutHistory(event)) {
        super.handleEvent(event);
      }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
      events.forEach(this::handleEvent);
    }
  }
}
