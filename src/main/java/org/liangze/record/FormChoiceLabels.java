package org.liangze.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * The decisions taken on a task, in the words its form showed: for every decision field of the task's deployed
 * Camunda Form (a choice — radio or select with fixed values — keyed {@code decision} or {@code …Decision}, outside a
 * dynamic list, whose rows are not task variables), the label of the value the task's variable holds. Only fields
 * of this task's form count: a decision taken on an earlier task stays among the process's variables. The same value
 * reads differently on different forms (APPROVE is 同意 on one, 通过并发布 on another), so the form is asked rather
 * than a list kept here.
 */
final class FormChoiceLabels {

  private static final ObjectMapper JSON = new ObjectMapper();

  private FormChoiceLabels() {
  }

  /** The labels of the task's decisions, in the form's order; empty without a Camunda Form or a decision on it. */
  static List<String> decisionsOf(DelegateTask task) {
    CommandContext command = Context.getCommandContext();
    if (command == null) {
      return List.of();
    }
    // the completing person may work on the task without holding READ on it; the form is the model's, not data
    try (InputStream form = command.runWithoutAuthorization(new GetDeployedTaskFormCmd(task.getId()))) {
      return decisions(JSON.readTree(form), task::getVariable);
    } catch (ProcessEngineException | IOException noForm) {
      // a task without a Camunda Form (a generated or embedded one): no labels to give
      return List.of();
    }
  }

  /** The labels of the values {@code variables} hold for the form's decision fields. */
  static List<String> decisions(JsonNode form, Function<String, Object> variables) {
    List<String> labels = new ArrayList<>();
    collect(form, variables, labels);
    return labels;
  }

  private static void collect(JsonNode component, Function<String, Object> variables, List<String> labels) {
    for (JsonNode child : component.path("components")) {
      String key = child.path("key").asText("");
      if ((key.equals("decision") || key.endsWith("Decision")) && child.path("values").isArray()
          && variables.apply(key) instanceof String value) {
        for (JsonNode choice : child.path("values")) {
          if (value.equals(choice.path("value").asText(null)) && choice.hasNonNull("label")) {
            labels.add(choice.get("label").asText());
          }
        }
      }
      if (!"dynamiclist".equals(child.path("type").asText())) {
        collect(child, variables, labels);
      }
    }
  }
}
