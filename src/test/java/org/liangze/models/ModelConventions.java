package org.liangze.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The platform's conventions for process models (DESIGN.md §3), checked over BPMN files with the Camunda model API:
 *
 * <ul>
 *   <li>every user task has a Chinese name in plain words (a task name with an expression, 逐项自查（${unitName}）, is
 *       the extension property {@code taskName}: Modeler and Cockpit show the element's name as written), a Camunda Form bound with {@code camunda:formRef} to a form of the forms
 *       folder and {@code formRefBinding="deployment"} that offers the late-completion reason, candidate groups or
 *       an assignee, and a due date;</li>
 *   <li>every service task is a {@code camunda:delegateExpression="${bean}"} naming an existing JavaDelegate bean, or
 *       an external task whose topic has a worker; every execution or task listener given as a delegate expression
 *       names an existing ExecutionListener or TaskListener bean;</li>
 *   <li>a service task reached right after a user task (through gateways or throw events only) starts a new
 *       transaction (asyncBefore, or an async boundary on the way), so its failure never rolls back the human work;
 *       every timer event is asynchronous (asyncBefore or asyncAfter) — a timer start event is by nature: its
 *       timer job is the transaction boundary;</li>
 *   <li>every key a form writes is read: it appears in an expression of a model that binds the form, or is a
 *       variable name the Java code knows (a {@code Variables} constant). A dynamic list's or group's path counts as
 *       the key; the fields inside it are stored with it.</li>
 * </ul>
 *
 * Each problem names the file and the element (or form and key).
 */
final class ModelConventions {

  static final Path PROCESSES = Path.of("processes");
  static final Path FORMS = Path.of("forms");

  private static final Pattern BEAN_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
  private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{(.*?)}", Pattern.DOTALL);
  private static final Pattern STRING_LITERAL = Pattern.compile("'[^']*'|\"[^\"]*\"|&quot;.*?&quot;|&apos;.*?&apos;");
  private static final Pattern IDENTIFIER = Pattern.compile("(?<![.\\w])[A-Za-z_][A-Za-z0-9_]*");
  /** Form components that show something and submit nothing. */
  private static final Set<String> DISPLAY_ONLY = Set.of("text", "html", "image", "spacer", "separator", "button",
      "iframe", "table", "documentPreview", "expression");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The late-completion reason every user task's form offers once the escalation ladder marks it overdue. */
  static final String LATE_REASON = "lateReason";

  private final Map<String, Form> forms;
  private final BiPredicate<String, Class<?>> bean;
  private final Set<String> javaVariables;
  private final Set<String> workerTopics;

  /**
   * @param formsFolder the Camunda Forms ({@code *.form}) models may bind
   * @param bean whether a name is a bean of the application of that type
   * @param javaVariables variable names the Java code reads by constant
   * @param workerTopics external-task topics that have a worker
   */
  ModelConventions(Path formsFolder, BiPredicate<String, Class<?>> bean, Set<String> javaVariables,
      Set<String> workerTopics) {
    this.forms = readForms(formsFolder);
    this.bean = bean;
    this.javaVariables = javaVariables;
    this.workerTopics = workerTopics;
  }

  static List<Path> bpmnFiles(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** All problems of these models and of the forms they bind. */
  List<String> check(List<Path> bpmnFiles) {
    List<String> problems = new ArrayList<>();
    Map<String, Set<String>> readByForm = new HashMap<>();
    for (Path bpmn : bpmnFiles) {
      String text = read(bpmn);
      BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
      String file = bpmn.getFileName().toString();
      Set<String> identifiers = expressionIdentifiers(text);
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        problems.addAll(checkUserTask(file, task));
      }
      for (FlowNode element : model.getModelElementsByType(FlowNode.class)) {
        String formRef = element.getAttributeValueNs(ElementTemplates.CAMUNDA_NS, "formRef");
        if (formRef != null) {
          readByForm.computeIfAbsent(formRef, f -> new HashSet<>()).addAll(identifiers);
          if (!(element instanceof UserTask)) {
            problems.addAll(checkFormRef(file, element));
          }
        }
      }
      for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
        problems.addAll(checkImplementation(file, task));
        problems.addAll(checkTransactionAfterHumanWork(file, task));
      }
      for (CamundaExecutionListener listener : model.getModelElementsByType(CamundaExecutionListener.class)) {
        problems.addAll(checkListener(file, listener, listener.getCamundaDelegateExpression(),
            ExecutionListener.class));
      }
      for (CamundaTaskListener listener : model.getModelElementsByType(CamundaTaskListener.class)) {
        problems.addAll(checkListener(file, listener, listener.getCamundaDelegateExpression(), TaskListener.class));
      }
      for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
        FlowNode event = (FlowNode) timer.getParentElement();
        // a timer start event is a job of its own with nothing before it to roll back: already a boundary
        boolean startEvent = event instanceof org.camunda.bpm.model.bpmn.instance.StartEvent;
        if (!startEvent && !event.isCamundaAsyncBefore() && !event.isCamundaAsyncAfter()) {
          problems.add(file + " " + event.getId() + ": timer event must be asynchronous (camunda:asyncBefore or"
              + " camunda:asyncAfter), so what follows it never rolls back the timer");
        }
      }
    }
    for (Form form : forms.values()) {
      Set<String> read = new HashSet<>(javaVariables);
      read.addAll(readByForm.getOrDefault(form.id(), Set.of()));
      for (String key : form.writtenKeys()) {
        if (!read.contains(key)) {
          problems.add(form.file() + " " + form.id() + ": field key '" + key + "' is written but nothing reads it"
              + " (no expression of a model binding the form, no Java Variables constant)");
        }
      }
    }
    return problems;
  }

  private List<String> checkUserTask(String file, UserTask task) {
    String where = file + " " + task.getId();
    List<String> problems = new ArrayList<>();
    if (!Chinese.isIn(task.getName())) {
      problems.add(where + ": user task needs a Chinese name, has " + task.getName());
    } else if (EXPRESSION.matcher(task.getName()).find()) {
      problems.add(where + ": the element's name is shown as written in Modeler and Cockpit: plain words there, and"
          + " the task's name with its expression in the extension property taskName");
    }
    if (task.getCamundaFormRef() == null || task.getCamundaFormRef().isBlank()) {
      problems.add(where + ": user task needs a Camunda Form (camunda:formRef)");
    } else {
      problems.addAll(checkFormRef(file, task));
      Form form = forms.get(task.getCamundaFormRef());
      if (form != null && !form.writtenKeys().contains(LATE_REASON)) {
        problems.add(where + ": form '" + form.id() + "' has no '" + LATE_REASON + "' field: an overdue task could"
            + " not be completed from Tasklist, since late completion needs a reason");
      }
    }
    if (blank(task.getCamundaCandidateGroups()) && blank(task.getCamundaAssignee())) {
      problems.add(where + ": user task needs camunda:candidateGroups or a camunda:assignee expression");
    }
    if (blank(task.getCamundaDueDate())) {
      problems.add(where + ": user task needs a due date (camunda:dueDate)");
    }
    return problems;
  }

  private List<String> checkFormRef(String file, FlowNode element) {
    String where = file + " " + element.getId();
    String formRef = element.getAttributeValueNs(ElementTemplates.CAMUNDA_NS, "formRef");
    String binding = element.getAttributeValueNs(ElementTemplates.CAMUNDA_NS, "formRefBinding");
    List<String> problems = new ArrayList<>();
    if (!forms.containsKey(formRef)) {
      problems.add(where + ": camunda:formRef '" + formRef + "' names no form in the forms folder");
    }
    if (!"deployment".equals(binding)) {
      problems.add(where + ": camunda:formRefBinding must be 'deployment' (forms are deployed with their model),"
          + " is " + binding);
    }
    return problems;
  }

  private List<String> checkImplementation(String file, ServiceTask task) {
    String where = file + " " + task.getId();
    if ("external".equals(task.getCamundaType())) {
      String topic = task.getCamundaTopic();
      return blank(topic) ? List.of(where + ": external task without a topic")
          : workerTopics.contains(topic) ? List.of()
          : List.of(where + ": external task topic '" + topic + "' has no worker");
    }
    String expression = task.getCamundaDelegateExpression();
    if (blank(expression)) {
      return List.of(where + ": service task must be camunda:delegateExpression=\"${bean}\" (or an external task)");
    }
    Matcher bean = BEAN_REFERENCE.matcher(expression);
    if (!bean.matches()) {
      return List.of(where + ": delegateExpression " + expression + " must name a bean: ${bean}");
    }
    return this.bean.test(bean.group(1), JavaDelegate.class) ? List.of()
        : List.of(where + ": delegateExpression names bean '" + bean.group(1) + "', which is no JavaDelegate bean");
  }

  private List<String> checkListener(String file, ModelElementInstance listener, String expression, Class<?> type) {
    if (blank(expression)) {
      return List.of(); // a class, expression or script listener: nothing to look up
    }
    ModelElementInstance owner = listener.getParentElement().getParentElement();
    String where = file + " " + owner.getAttributeValue("id");
    Matcher bean = BEAN_REFERENCE.matcher(expression);
    if (!bean.matches()) {
      return List.of(where + ": listener delegateExpression " + expression + " must name a bean: ${bean}");
    }
    return this.bean.test(bean.group(1), type) ? List.of()
        : List.of(where + ": listener names bean '" + bean.group(1) + "', which is no " + type.getSimpleName()
            + " bean");
  }

  /** Walks back from the task through gateways and throw events; a user task met there needs a boundary between. */
  private static List<String> checkTransactionAfterHumanWork(String file, ServiceTask task) {
    if (task.isCamundaAsyncBefore()) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    Set<FlowNode> visited = new HashSet<>();
    Deque<FlowNode> todo = new ArrayDeque<>(predecessors(task));
    while (!todo.isEmpty()) {
      FlowNode node = todo.pop();
      if (!visited.add(node)) {
        continue;
      }
      if (node instanceof UserTask user) {
        if (!user.isCamundaAsyncAfter()) {
          problems.add(file + " " + task.getId() + ": service task follows user task " + user.getId()
              + " in the same transaction: set camunda:asyncBefore so a failure never rolls back the human work");
        }
      } else if (passesThrough(node) && !node.isCamundaAsyncBefore() && !node.isCamundaAsyncAfter()) {
        todo.addAll(predecessors(node));
      }
    }
    return problems;
  }

  private static boolean passesThrough(FlowNode node) {
    return (node instanceof Gateway && !(node instanceof EventBasedGateway)) || node instanceof IntermediateThrowEvent;
  }

  private static List<FlowNode> predecessors(FlowNode node) {
    return node.getIncoming().stream().map(SequenceFlow::getSource).toList();
  }

  /** Identifiers in the model's expressions, less string literals and method or property names after a dot. */
  static Set<String> expressionIdentifiers(String bpmnText) {
    Set<String> identifiers = new HashSet<>();
    Matcher expression = EXPRESSION.matcher(bpmnText);
    while (expression.find()) {
      Matcher identifier = IDENTIFIER.matcher(STRING_LITERAL.matcher(expression.group(1)).replaceAll(" "));
      while (identifier.find()) {
        identifiers.add(identifier.group());
      }
    }
    return identifiers;
  }

  record Form(Path file, String id, Set<String> writtenKeys) {
  }

  static Map<String, Form> readForms(Path folder) {
    Map<String, Form> forms = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".form")).sorted().toList()) {
        JsonNode json = JSON.readTree(file.toFile());
        Set<String> keys = new LinkedHashSet<>();
        collectWrittenKeys(json.path("components"), keys);
        Form form = new Form(file, json.path("id").asText(), keys);
        forms.put(form.id(), form);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return forms;
  }

  private static void collectWrittenKeys(JsonNode components, Set<String> keys) {
    for (JsonNode component : components) {
      if (component.has("path") && !component.path("path").asText().isBlank()) {
        keys.add(firstSegment(component.path("path").asText())); // a dynamic list or group: its fields go with it
      } else if (component.has("components")) {
        collectWrittenKeys(component.path("components"), keys);
      } else if (component.has("key") && !DISPLAY_ONLY.contains(component.path("type").asText())
          && !component.path("readonly").asBoolean(false) && !component.path("disabled").asBoolean(false)) {
        keys.add(firstSegment(component.path("key").asText()));
      }
    }
  }

  private static String firstSegment(String key) {
    int dot = key.indexOf('.');
    return dot < 0 ? key : key.substring(0, dot);
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  private static String read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
