package org.liangze.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.liangze.platform.DelegateInputs;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;

/**
 * Camunda Modeler element templates (Camunda 7 format) as kept in {@code .camunda/element-templates/}, and the
 * checks that hold each template to the Spring bean it names and each service task to its template. Every check
 * returns problems as text naming the file and the template or element, so a failing test says what to fix.
 */
final class ElementTemplates {

  static final Path FOLDER = Path.of(".camunda/element-templates");
  static final String SCHEMA = "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json";
  static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";

  private static final Pattern BEAN_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One template: the file it came from and its JSON. */
  record Template(Path file, JsonNode json) {

    String id() {
      return json.path("id").asText("");
    }

    int version() {
      return json.path("version").asInt(0);
    }

    String where() {
      return file + ": template " + (id().isEmpty() ? "(no id)" : id());
    }

    List<JsonNode> properties() {
      List<JsonNode> properties = new ArrayList<>();
      json.path("properties").forEach(properties::add);
      return properties;
    }

    /** Properties bound as {@code "binding": {"type": "property", "name": <name>}}. */
    List<JsonNode> propertyBindings(String name) {
      return properties().stream().filter(p -> "property".equals(p.path("binding").path("type").asText())
          && name.equals(p.path("binding").path("name").asText())).toList();
    }

    /** The bean named by the hidden, fixed {@code camunda:delegateExpression}, or null. */
    String delegateBean() {
      List<JsonNode> bindings = propertyBindings("camunda:delegateExpression");
      if (bindings.size() != 1) {
        return null;
      }
      Matcher bean = BEAN_REFERENCE.matcher(bindings.get(0).path("value").asText(""));
      return bean.matches() ? bean.group(1) : null;
    }

    String delegateExpression() {
      List<JsonNode> bindings = propertyBindings("camunda:delegateExpression");
      return bindings.size() == 1 ? bindings.get(0).path("value").asText(null) : null;
    }

    /** The fixed value of {@code camunda:asyncBefore}, or null when the template leaves it to the designer. */
    Boolean asyncBefore() {
      List<JsonNode> bindings = propertyBindings("camunda:asyncBefore");
      if (bindings.size() != 1 || !bindings.get(0).has("value")) {
        return null;
      }
      JsonNode value = bindings.get(0).path("value");
      return value.isBoolean() ? value.asBoolean() : Boolean.valueOf(value.asText());
    }

    /** Names of the {@code camunda:inputParameter} bindings, in template order. */
    Set<String> inputs() {
      Set<String> inputs = new LinkedHashSet<>();
      for (JsonNode property : properties()) {
        if ("camunda:inputParameter".equals(property.path("binding").path("type").asText())) {
          inputs.add(property.path("binding").path("name").asText());
        }
      }
      return inputs;
    }

    /** Beans named by {@code camunda:executionListener} bindings implemented as delegate expressions. */
    List<String> listenerBeans() {
      List<String> beans = new ArrayList<>();
      for (JsonNode property : properties()) {
        JsonNode binding = property.path("binding");
        if ("camunda:executionListener".equals(binding.path("type").asText())
            && "delegateExpression".equals(binding.path("implementationType").asText())) {
          Matcher bean = BEAN_REFERENCE.matcher(property.path("value").asText(""));
          beans.add(bean.matches() ? bean.group(1) : property.path("value").asText(""));
        }
      }
      return beans;
    }
  }

  private ElementTemplates() {
  }

  /** Every template in the folder's {@code .json} files; a file holds one template or an array of them. */
  static List<Template> load(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      List<Template> templates = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonNode content = JSON.readTree(file.toFile());
        if (content.isArray()) {
          content.forEach(json -> templates.add(new Template(file, json)));
        } else {
          templates.add(new Template(file, content));
        }
      }
      return templates;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Each template against the application: its shape, its bean, and the inputs the bean reads. */
  static List<String> check(Collection<Template> templates, ApplicationContext context) {
    List<String> problems = new ArrayList<>();
    Map<String, Template> seen = new HashMap<>();
    for (Template template : templates) {
      String where = template.where();
      JsonNode json = template.json();
      if (!SCHEMA.equals(json.path("$schema").asText())) {
        problems.add(where + ": $schema must be " + SCHEMA);
      }
      if (template.id().isBlank()) {
        problems.add(where + ": has no id");
      }
      if (template.version() < 1) {
        problems.add(where + ": needs a version (1 or more), which service tasks record as modelerTemplateVersion");
      }
      Template other = seen.put(template.id() + "@" + template.version(), template);
      if (other != null) {
        problems.add(where + ": same id and version as in " + other.file());
      }
      if (!Chinese.isIn(json.path("name").asText())) {
        problems.add(where + ": name must be Chinese");
      }
      if (!Chinese.isIn(json.path("description").asText())) {
        problems.add(where + ": description must be Chinese");
      }
      json.path("groups").forEach(group -> {
        if (!Chinese.isIn(group.path("label").asText())) {
          problems.add(where + ": group " + group.path("id").asText() + " needs a Chinese label");
        }
      });
      template.properties().stream().filter(p -> !"Hidden".equals(p.path("type").asText()))
          .filter(p -> !Chinese.isIn(p.path("label").asText()))
          .forEach(p -> problems.add(where + ": property bound to " + p.path("binding") + " needs a Chinese label"));
      if (!List.of("bpmn:ServiceTask").equals(texts(json.path("appliesTo")))) {
        problems.add(where + ": appliesTo must be [\"bpmn:ServiceTask\"]");
      }
      problems.addAll(checkDelegate(template, context));
      for (String listener : template.listenerBeans()) {
        if (!isBean(context, listener, ExecutionListener.class)) {
          problems.add(where + ": execution listener bean '" + listener + "' does not exist or is no ExecutionListener");
        }
      }
    }
    return problems;
  }

  private static List<String> checkDelegate(Template template, ApplicationContext context) {
    String where = template.where();
    List<JsonNode> bindings = template.propertyBindings("camunda:delegateExpression");
    if (bindings.size() != 1) {
      return List.of(where + ": needs exactly one property binding of camunda:delegateExpression");
    }
    JsonNode binding = bindings.get(0);
    List<String> problems = new ArrayList<>();
    if (!"Hidden".equals(binding.path("type").asText())) {
      problems.add(where + ": camunda:delegateExpression must be Hidden (fixed by the template)");
    }
    String bean = template.delegateBean();
    if (bean == null) {
      problems.add(where + ": camunda:delegateExpression must be ${beanName}, is " + binding.path("value"));
      return problems;
    }
    if (!context.containsBean(bean)) {
      problems.add(where + ": names bean '" + bean + "', which does not exist");
      return problems;
    }
    if (!context.isTypeMatch(bean, JavaDelegate.class)) {
      problems.add(where + ": bean '" + bean + "' is no JavaDelegate");
      return problems;
    }
    Class<?> type = ClassUtils.getUserClass(Objects.requireNonNull(context.getType(bean)));
    DelegateInputs declared = AnnotationUtils.findAnnotation(type, DelegateInputs.class);
    if (declared == null) {
      problems.add(where + ": bean '" + bean + "' (" + type.getName() + ") does not declare what it reads: annotate it"
          + " with @DelegateInputs");
      return problems;
    }
    Set<String> reads = new TreeSet<>(Arrays.asList(declared.value()));
    Set<String> binds = template.inputs();
    for (String input : binds) {
      if (!reads.contains(input)) {
        problems.add(where + ": binds input '" + input + "', which bean '" + bean + "' does not read (it reads "
            + reads + ")");
      }
    }
    for (String input : reads) {
      if (!binds.contains(input)) {
        problems.add(where + ": does not bind input '" + input + "', which bean '" + bean + "' reads");
      }
    }
    return problems;
  }

  /** Every service task in the model uses a known template and agrees with it. */
  static List<String> checkUsage(Path bpmn, Collection<Template> templates) {
    BpmnModelInstance model;
    try (InputStream in = Files.newInputStream(bpmn)) {
      model = Bpmn.readModelFromStream(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> problems = new ArrayList<>();
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      String where = bpmn.getFileName() + " " + task.getId();
      String id = task.getAttributeValueNs(CAMUNDA_NS, "modelerTemplate");
      if (id == null || id.isBlank()) {
        problems.add(where + ": uses no element template (set camunda:modelerTemplate)");
        continue;
      }
      String version = task.getAttributeValueNs(CAMUNDA_NS, "modelerTemplateVersion");
      Template template = templates.stream()
          .filter(t -> t.id().equals(id) && String.valueOf(t.version()).equals(version)).findFirst().orElse(null);
      if (template == null) {
        problems.add(where + ": uses element template " + id + " version " + version + ", which does not exist");
        continue;
      }
      if (!Objects.equals(template.delegateExpression(), task.getCamundaDelegateExpression())) {
        problems.add(where + ": delegateExpression " + task.getCamundaDelegateExpression() + " differs from its"
            + " template's " + template.delegateExpression());
      }
      if (template.asyncBefore() != null && template.asyncBefore() != task.isCamundaAsyncBefore()) {
        problems.add(where + ": asyncBefore must be " + template.asyncBefore() + " as its template fixes it");
      }
      Set<String> inputs = inputParameters(task);
      if (!inputs.equals(template.inputs())) {
        problems.add(where + ": input parameters " + inputs + " differ from its template's " + template.inputs());
      }
    }
    return problems;
  }

  static Set<String> inputParameters(ServiceTask task) {
    Set<String> names = new LinkedHashSet<>();
    ExtensionElements extensions = task.getExtensionElements();
    if (extensions != null) {
      for (CamundaInputOutput io : extensions.getChildElementsByType(CamundaInputOutput.class)) {
        for (CamundaInputParameter parameter : io.getCamundaInputParameters()) {
          names.add(parameter.getCamundaName());
        }
      }
    }
    return names;
  }

  private static boolean isBean(ApplicationContext context, String name, Class<?> type) {
    return context.containsBean(name) && context.isTypeMatch(name, type);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }
}
