package org.liangze.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * What a person picked on a task's form, in the words the form showed them: the label of the chosen value of a
 * choice (radio, select) in the task's deployed Camunda Form, read as the task completes. The same value reads
 * differently on different forms (APPROVE is 同意 on one, 通过并发布 on another), so the form is asked rather than a
 * list kept here.
 */
final class FormChoiceLabels {

  private static final ObjectMapper JSON = new ObjectMapper();

  private FormChoiceLabels() {
  }

  /** The label the task's form gives {@code value} of its field {@code key}; empty without such a form or choice. */
  static Optional<String> of(DelegateTask task, String key, String value) {
    CommandContext command = Context.getCommandContext();
    if (command == null) {
      return Optional.empty();
    }
    // the completing person may work on the task without holding READ on it; the form is the model's, not data
    try (InputStream form = command.runWithoutAuthorization(new GetDeployedTaskFormCmd(task.getId()))) {
      return find(JSON.readTree(form), key, value);
    } catch (ProcessEngineException | IOException noForm) {
      // a task without a Camunda Form (completed through the API, a generated form): no label to give
      return Optional.empty();
    }
  }

  /** The label of {@code value} in the first component with this key, searched through nested components. */
  static Optional<String> find(JsonNode component, String key, String value) {
    if (key.equals(component.path("key").asText(null))) {
      for (JsonNode choice : component.path("values")) {
        if (value.equals(choice.path("value").asText(null)) && choice.hasNonNull("label")) {
          return Optional.of(choice.get("label").asText());
        }
      }
      return Optional.empty();
    }
    for (JsonNode child : component.path("components")) {
      Optional<String> label = find(child, key, value);
      if (label.isPresent()) {
        return label;
      }
    }
    return Optional.empty();
  }
}
