package org.liangze.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * A task's Camunda Form as the server reads it, for pages that complete a task without Tasklist (the phone's
 * 我的待办): the form's fields, and the check a submission must pass before it reaches the engine — the rule of
 * {@link FormVariableGuard} (only the form's keys, and {@code lateReason}), then what Tasklist's form checks before
 * it lets a person complete: every visible field that is required is filled, no text is longer than its
 * {@code maxLength}, a choice is one of its values. A field's {@code conditional.hide} is evaluated with the
 * engine's FEEL, on the task's variables and what was submitted, as the form does. The engine's own completion
 * listeners check after this, as they do for Tasklist.
 */
@Component
public class TaskForms {

  private final ProcessEngineConfigurationImpl engine;
  private final ObjectMapper json = new ObjectMapper();

  TaskForms(ProcessEngine processEngine) {
    this.engine = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
  }

  /** The task's deployed Camunda Form, read as the platform (the caller's access is the engine's to check). */
  public Optional<JsonNode> formOf(String taskId) {
    Command<byte[]> read = context -> context.runWithoutAuthorization(inner -> {
      if (inner.getTaskManager().findTaskById(taskId) == null) {
        return null;
      }
      try (InputStream form = new GetDeployedTaskFormCmd(taskId).execute(inner)) {
        return form.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (ProcessEngineException e) {
        return null;
      }
    });
    byte[] form = engine.getCommandExecutorTxRequired().execute(read);
    if (form == null) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(json.readTree(form));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The top-level names a completion of a task with this form may set, as {@link FormVariableGuard} allows. */
  public static Set<String> completionKeys(JsonNode form) {
    Set<String> keys = new TreeSet<>(FormVariableGuard.keysOf(form));
    keys.add(FormVariableGuard.LATE_REASON);
    return keys;
  }

  /**
   * Checks a completion of a task with this form: {@code submitted} the variables to complete with, {@code
   * taskVariables} what the task holds (for the fields' hide conditions). Throws {@link InvalidInputException} with
   * a message in Chinese naming the field; nothing is changed by the check.
   */
  public void check(JsonNode form, Map<String, Object> submitted, Map<String, Object> taskVariables) {
    Set<String> forged = new TreeSet<>(submitted.keySet());
    forged.removeAll(completionKeys(form));
    if (!forged.isEmpty()) {
      throw new InvalidInputException("提交的内容包含表单之外的字段：" + String.join("、", forged) + "，任务未办理");
    }
    Map<String, Object> context = new HashMap<>(taskVariables);
    context.putAll(submitted);
    checkComponents(form, submitted, context, "");
  }

  private void checkComponents(JsonNode container, Map<String, Object> values, Map<String, Object> context,
      String where) {
    JsonNode components = container.get("components");
    if (components == null || !components.isArray()) {
      return;
    }
    for (JsonNode component : components) {
      if (hidden(component, context)) {
        continue;
      }
      String type = component.path("type").asText("");
      String path = component.path("path").asText("");
      if (type.equals("dynamiclist") && !path.isBlank()) {
        Object rows = values.get(path);
        if (rows instanceof List<?> list) {
          int index = 0;
          for (Object row : list) {
            index++;
            if (row instanceof Map<?, ?> map) {
              @SuppressWarnings("unchecked")
              Map<String, Object> rowValues = (Map<String, Object>) map;
              Map<String, Object> rowContext = new HashMap<>(context);
              rowContext.putAll(rowValues);
              checkComponents(component, rowValues, rowContext, where + "第" + index + "项");
            }
          }
        }
        continue;
      }
      String key = component.path("key").asText("");
      if (key.isBlank() || component.path("readonly").asBoolean(false) || component.path("disabled").asBoolean(false)
          || !values.containsKey(key) && !component.path("validate").path("required").asBoolean(false)) {
        checkComponents(component, values, context, where);
        continue;
      }
      checkField(component, values.get(key), where);
    }
  }

  private void checkField(JsonNode field, Object value, String where) {
    String label = where + "“" + field.path("label").asText(field.path("key").asText()) + "”";
    JsonNode validate = field.path("validate");
    boolean choice = field.has("values");
    boolean empty = value == null || value instanceof String text && text.isBlank()
        || value instanceof List<?> list && list.isEmpty();
    if (empty) {
      if (validate.path("required").asBoolean(false)) {
        throw new InvalidInputException((choice ? "请选择" : "请填写") + label);
      }
      return;
    }
    if (value instanceof String text) {
      if (validate.has("maxLength") && text.codePointCount(0, text.length()) > validate.get("maxLength").asInt()) {
        throw new InvalidInputException(label + "不能超过" + validate.get("maxLength").asInt() + "个字");
      }
      if (validate.has("minLength") && text.codePointCount(0, text.length()) < validate.get("minLength").asInt()) {
        throw new InvalidInputException(label + "至少" + validate.get("minLength").asInt() + "个字");
      }
    }
    if (choice) {
      boolean known = false;
      for (JsonNode option : field.get("values")) {
        known |= option.path("value").asText().equals(String.valueOf(value));
      }
      if (!known) {
        throw new InvalidInputException(label + "的选项不正确，请重新选择");
      }
    }
  }

  /** Whether the field's {@code conditional.hide} holds (FEEL, with or without the leading "="). */
  private boolean hidden(JsonNode component, Map<String, Object> context) {
    String hide = component.path("conditional").path("hide").asText("");
    if (hide.isBlank()) {
      return false;
    }
    String expression = hide.startsWith("=") ? hide.substring(1) : hide;
    FeelEngine feel = ((DefaultDmnEngineConfiguration) engine.getDmnEngineConfiguration()).getFeelEngine();
    // plain values only: the conditions compare texts, numbers and flags, and FEEL need not map engine objects
    Map<String, Object> plain = new HashMap<>();
    context.forEach((name, value) -> {
      if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
        plain.put(name, value);
      }
    });
    Object result;
    try {
      result = feel.evaluateSimpleExpression(expression, Variables.fromMap(plain).asVariableContext());
    } catch (RuntimeException e) {
      // a condition on a value left out above: shown, as the form shows a field whose condition it cannot decide
      return false;
    }
    return Boolean.TRUE.equals(result);
  }
}
