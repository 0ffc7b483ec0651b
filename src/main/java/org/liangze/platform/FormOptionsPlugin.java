package org.liangze.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.form.StartFormData;
import org.camunda.bpm.engine.impl.FormServiceImpl;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormVariablesCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.FormDataImpl;
import org.camunda.bpm.engine.impl.form.FormFieldImpl;
import org.camunda.bpm.engine.impl.form.handler.StartFormHandler;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Gives forms their lists to pick from, computed when the form asks: task forms ({@link TaskFormOptions}) get them
 * as form variables, start forms ({@link StartFormOptions}) written into the form itself.
 *
 * <p>Task forms: the form service's {@code getTaskFormVariables} (what Tasklist's {@code form-variables} request
 * runs) adds each {@link TaskFormOptions} entry of the task's process and element to the task's variables, in the
 * same command, after Camunda's read permission check on the task.
 *
 * <p>Start forms: Tasklist (7.24) loads a Camunda Forms
 * start form from {@code process-definition/{id}/deployed-start-form} and renders it with no data at all: it asks for
 * {@code form-variables} only for a task. So each process with options gets, at parse time, a start form handler
 * that adds the options as start form variables (computed per request, for the signed-in person), and the engine's
 * form service writes those variables into the deployed start form: a component with {@code "valuesKey": "x"} gets
 * {@code "values"} = variable x. The form in {@code forms/} keeps its {@code valuesKey}.
 */
@Component
class FormOptionsPlugin extends AbstractProcessEnginePlugin {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectProvider<StartFormOptions> providers;
  private final ObjectProvider<TaskFormOptions> taskProviders;

  FormOptionsPlugin(ObjectProvider<StartFormOptions> providers, ObjectProvider<TaskFormOptions> taskProviders) {
    this.providers = providers;
    this.taskProviders = taskProviders;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EngineParsing.add(configuration, new AbstractBpmnParseListener() {
      @Override
      public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
        StartFormHandler handler = processDefinition.getStartFormHandler();
        if (handler != null) {
          processDefinition.setStartFormHandler(new OptionsStartFormHandler(handler, processDefinition.getKey()));
        }
      }
    });
    configuration.setFormService(new OptionsFormService(taskProviders));
  }

  private List<StartFormOptions> providersOf(String processDefinitionKey) {
    return providers.orderedStream().filter(p -> p.processDefinitionKey().equals(processDefinitionKey)).toList();
  }

  /** The parsed start form handler, plus the options as form fields (start form variables). */
  private final class OptionsStartFormHandler implements StartFormHandler {

    private final StartFormHandler wrapped;
    private final String processDefinitionKey;

    OptionsStartFormHandler(StartFormHandler wrapped, String processDefinitionKey) {
      this.wrapped = wrapped;
      this.processDefinitionKey = processDefinitionKey;
    }

    @Override
    public StartFormData createStartFormData(ProcessDefinitionEntity processDefinition) {
      StartFormData data = wrapped.createStartFormData(processDefinition);
      List<StartFormOptions> mine = providersOf(processDefinitionKey);
      if (mine.isEmpty() || !(data instanceof FormDataImpl formData)) {
        return data;
      }
      CommandContext context = Context.getCommandContext();
      Authentication user = context == null ? null : context.getAuthentication();
      List<FormField> fields = formData.getFormFields() == null ? new ArrayList<>()
          : new ArrayList<>(formData.getFormFields());
      for (StartFormOptions provider : mine) {
        provider.options(user).forEach((name, options) -> {
          FormFieldImpl field = new FormFieldImpl();
          field.setId(name);
          field.setValue(SpinValues.jsonValue(json(options)).create());
          fields.add(field);
        });
      }
      formData.setFormFields(fields);
      return data;
    }

    @Override
    public void parseConfiguration(Element activityElement, DeploymentEntity deployment,
        ProcessDefinitionEntity processDefinition, BpmnParse bpmnParse) {
      wrapped.parseConfiguration(activityElement, deployment, processDefinition, bpmnParse);
    }

    @Override
    public void submitFormVariables(VariableMap properties, VariableScope variableScope) {
      wrapped.submitFormVariables(properties, variableScope);
    }
  }

  private static String json(List<StartFormOptions.Option> options) {
    ArrayNode array = JSON.createArrayNode();
    options.forEach(option -> array.addObject().put("label", option.label()).put("value", option.value()));
    return array.toString();
  }

  /**
   * Adds the task form options to a task's form variables, and writes the start form variables into the deployed
   * start form's selects that name them by valuesKey.
   */
  static final class OptionsFormService extends FormServiceImpl {

    private final ObjectProvider<TaskFormOptions> taskProviders;

    OptionsFormService(ObjectProvider<TaskFormOptions> taskProviders) {
      this.taskProviders = taskProviders;
    }

    @Override
    public VariableMap getTaskFormVariables(String taskId, Collection<String> formVariables,
        boolean deserializeObjectValues) {
      return commandExecutor.execute(context -> {
        VariableMap variables = new GetTaskFormVariablesCmd(taskId, formVariables, deserializeObjectValues)
            .execute(context);
        TaskEntity task = context.getTaskManager().findTaskById(taskId);
        ProcessDefinitionEntity process = task == null ? null : task.getProcessDefinition();
        if (process == null) {
          return variables;
        }
        taskProviders.orderedStream()
            .filter(provider -> provider.processDefinitionKey().equals(process.getKey())
                && provider.taskDefinitionKeys().contains(task.getTaskDefinitionKey()))
            .forEach(provider -> provider.options(task).forEach((name, value) -> {
              if (formVariables == null || formVariables.contains(name)) {
                variables.putValueTyped(name, value);
              }
            }));
        return variables;
      });
    }

    @Override
    public InputStream getDeployedStartForm(String processDefinitionId) {
      byte[] form;
      try (InputStream in = super.getDeployedStartForm(processDefinitionId)) {
        form = in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      JsonNode schema;
      try {
        schema = JSON.readTree(form);
      } catch (IOException e) {
        return new ByteArrayInputStream(form); // not a Camunda Form (an HTML form, say): as deployed
      }
      Set<String> keys = new LinkedHashSet<>();
      collectValuesKeys(schema, keys);
      if (keys.isEmpty()) {
        return new ByteArrayInputStream(form);
      }
      VariableMap variables = getStartFormVariables(processDefinitionId, keys, false);
      if (variables.isEmpty()) {
        return new ByteArrayInputStream(form);
      }
      inline(schema, variables);
      try {
        return new ByteArrayInputStream(JSON.writeValueAsBytes(schema));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static void collectValuesKeys(JsonNode node, Set<String> keys) {
      if (node.isObject() && node.path("valuesKey").isTextual()) {
        keys.add(node.get("valuesKey").asText());
      }
      node.forEach(child -> collectValuesKeys(child, keys));
    }

    private static void inline(JsonNode node, VariableMap variables) {
      if (node instanceof ObjectNode component && node.path("valuesKey").isTextual()) {
        TypedValue value = variables.getValueTyped(node.get("valuesKey").asText());
        String text = value instanceof SerializableValue serializable && serializable.getValueSerialized() != null
            ? serializable.getValueSerialized() : value == null || value.getValue() == null ? null
            : value.getValue().toString();
        if (text != null) {
          try {
            component.set("values", (ArrayNode) JSON.readTree(text));
            component.remove("valuesKey");
          } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("Start form variable " + node.get("valuesKey") + " is no option list", e);
          }
        }
      }
      node.forEach(child -> inline(child, variables));
    }
  }
}
