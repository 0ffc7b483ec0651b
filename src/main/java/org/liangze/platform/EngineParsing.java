package org.liangze.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * What engine plugins add to every model the engine parses, deployed now or later (through Modeler too), called from
 * a plugin's {@code preInit}. Listeners added to a task as built-in ones run even when a Cockpit modification skips
 * custom listeners.
 */
public final class EngineParsing {

  private EngineParsing() {
  }

  /** Adds a parse listener after those configured before it. */
  public static void add(ProcessEngineConfigurationImpl configuration, BpmnParseListener listener) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    listeners.add(listener);
    configuration.setCustomPostBPMNParseListeners(listeners);
  }

  /** Runs {@code addition} on every user task parsed: its activity and its task definition. */
  public static void everyUserTask(ProcessEngineConfigurationImpl configuration,
      BiConsumer<ActivityImpl, TaskDefinition> addition) {
    add(configuration, new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        addition.accept(activity, ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition());
      }
    });
  }
}
