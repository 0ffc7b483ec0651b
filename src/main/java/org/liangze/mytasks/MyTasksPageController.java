package org.liangze.mytasks;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.liangze.mytasks.MyTasks.Item;
import org.liangze.mytasks.MyTasks.Kind;
import org.liangze.organisation.Official;
import org.liangze.organisation.Officials;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.platform.InvalidInputException;
import org.liangze.platform.MessagePage;
import org.liangze.platform.NotFoundException;
import org.liangze.platform.TaskForms;
import org.liangze.platform.WebappSessions;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * 我的待办 for a phone, rendered on the server: the list of the person's open tasks with their due colours, and a
 * page per simple task (sign a letter, assess one's self-check rows, report on a talk's commitment) whose plain HTML
 * form completes it — no script needed. The form posts the webapp session's CSRF token as a field
 * ({@link WebappSessions#FORM_FIELD}), so a phone logged into Tasklist completes with that login. Everything else is
 * opened in Tasklist; a record entry with a photo is added on 新增履责纪实, linked from here.
 */
@Controller
class MyTasksPageController {

  static final String TASKLIST = "/camunda/app/tasklist/default/#/?task=";
  static final String LETTER_DOCUMENT = "/api/letters/%s/document";

  private final MyTasks myTasks;
  private final TaskForms forms;
  private final Officials officials;
  private final UnitRepository units;

  MyTasksPageController(MyTasks myTasks, TaskForms forms, Officials officials, UnitRepository units) {
    this.myTasks = myTasks;
    this.forms = forms;
    this.officials = officials;
    this.units = units;
  }

  @GetMapping("/pages/tasks")
  String list(@RequestParam(required = false) String done, Model model) {
    Official person = officials.current();
    model.addAttribute("tasks", myTasks.list(person));
    model.addAttribute("done", done == null || done.isBlank() ? null
        : myTasks.completedBy(person, done.strip()).orElse(null));
    model.addAttribute("units", person.unitCodes().stream().sorted().map(units::findByCode)
        .flatMap(Optional::stream).toList());
    model.addAttribute("tasklist", TASKLIST);
    return "mytasks/list";
  }

  @GetMapping("/pages/tasks/{id}")
  String task(@PathVariable("id") String taskId, Model model, HttpServletRequest request) {
    Official person = officials.current();
    Item item = myTasks.item(person, taskId);
    fill(model, item, Map.of(), null, request);
    return "mytasks/task";
  }

  @PostMapping("/pages/tasks/{id}")
  Object complete(@PathVariable("id") String taskId, @RequestParam MultiValueMap<String, String> form, Model model,
      HttpServletRequest request) {
    Official person = officials.current();
    Item item = myTasks.item(person, taskId);
    Map<String, String> entered = new LinkedHashMap<>();
    form.forEach((name, values) -> entered.put(name, values.isEmpty() ? null : values.get(0)));
    entered.remove(WebappSessions.FORM_FIELD);
    try {
      myTasks.complete(person, taskId, submitted(item, entered, myTasks.variables(taskId)));
    } catch (InvalidInputException e) {
      // the page again, with what was entered and why it was refused; nothing was changed
      fill(model, item, entered, e.getMessage(), request);
      return new ModelAndView("mytasks/task", model.asMap(), HttpStatus.BAD_REQUEST);
    }
    return "redirect:" + UriComponentsBuilder.fromPath("/pages/tasks").queryParam("done", taskId)
        .encode().toUriString();
  }

  /** What the page's form submits, as the Tasklist form would: only the fields it shows, the others left out. */
  private Map<String, Object> submitted(Item item, Map<String, String> entered, Map<String, Object> variables) {
    Map<String, Object> submitted = new LinkedHashMap<>();
    switch (item.kind()) {
      case SIGN_LETTER -> {
        String decision = entered.get("decision");
        if (decision != null && !decision.isBlank()) {
          submitted.put("decision", decision);
        }
        if ("SIGN".equals(decision)) {
          submitted.put("signature", text(entered.get("signature")));
        } else if ("OBJECT".equals(decision)) {
          submitted.put("objectionReason", text(entered.get("objectionReason")));
        }
      }
      case FULFIL_COMMITMENT -> submitted.put("report", text(entered.get("report")));
      case ASSESS_SELF_CHECK -> {
        List<Map<String, Object>> rows = new ArrayList<>();
        int index = 0;
        for (Map<String, Object> row : myTasks.rows(variables.get("items"))) {
          Map<String, Object> changed = new LinkedHashMap<>(row);
          String status = entered.get("status-" + index);
          changed.put("status", status == null || status.isBlank() ? null : status);
          changed.put("note", text(entered.get("note-" + index)));
          rows.add(changed);
          index++;
        }
        submitted.put("items", rows);
      }
      case IN_TASKLIST -> throw new InvalidInputException("此任务请在任务列表中办理");
    }
    if (MyTasks.overdue(variables)) {
      submitted.put("lateReason", text(entered.get("lateReason")));
    }
    return submitted;
  }

  private static String text(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private void fill(Model model, Item item, Map<String, String> entered, String error, HttpServletRequest request) {
    Map<String, Object> variables = item.kind() == Kind.IN_TASKLIST ? Map.of() : myTasks.variables(item.id());
    JsonNode form = item.kind() == Kind.IN_TASKLIST ? null : forms.formOf(item.id()).orElse(null);
    model.addAttribute("task", item);
    model.addAttribute("kind", item.kind().name());
    model.addAttribute("v", variables);
    model.addAttribute("entered", entered);
    model.addAttribute("error", error);
    model.addAttribute("overdue", MyTasks.overdue(variables));
    model.addAttribute("labels", labels(form));
    model.addAttribute("options", options(form));
    model.addAttribute("tasklist", TASKLIST + item.id());
    model.addAttribute("xsrf", WebappSessions.csrfToken(request).orElse(null));
    model.addAttribute("xsrfField", WebappSessions.FORM_FIELD);
    if (item.kind() == Kind.SIGN_LETTER && variables.get("letterId") != null) {
      model.addAttribute("document", LETTER_DOCUMENT.formatted(variables.get("letterId")));
    }
    if (item.kind() == Kind.ASSESS_SELF_CHECK) {
      List<Map<String, Object>> rows = myTasks.rows(variables.get("items"));
      for (int index = 0; index < rows.size(); index++) {
        if (entered.containsKey("status-" + index)) {
          rows.get(index).put("status", entered.get("status-" + index));
          rows.get(index).put("note", entered.get("note-" + index));
        }
      }
      model.addAttribute("rows", rows);
    }
    Optional<Unit> unit = item.unitCode() == null ? Optional.empty() : units.findByCode(item.unitCode());
    boolean writes = unit.isPresent() && officials.current().unitCodes().contains(unit.get().code());
    model.addAttribute("recordUnit", writes ? unit.get().code() : null);
  }

  /** Every field's label on the task's form, by key: the page says what the form says. */
  private static Map<String, String> labels(JsonNode form) {
    Map<String, String> labels = new LinkedHashMap<>();
    walk(form, component -> {
      if (component.hasNonNull("key") && component.hasNonNull("label")) {
        labels.put(component.get("key").asText(), component.get("label").asText());
      }
    });
    return labels;
  }

  /** Every choice field's options on the task's form, by key: value and label. */
  private static Map<String, List<Map<String, String>>> options(JsonNode form) {
    Map<String, List<Map<String, String>>> options = new LinkedHashMap<>();
    walk(form, component -> {
      if (component.hasNonNull("key") && component.path("values").isArray()) {
        List<Map<String, String>> values = new ArrayList<>();
        component.get("values").forEach(option -> values.add(Map.of("value", option.path("value").asText(),
            "label", option.path("label").asText())));
        options.put(component.get("key").asText(), values);
      }
    });
    return options;
  }

  private static void walk(JsonNode container, java.util.function.Consumer<JsonNode> visit) {
    if (container == null || !container.path("components").isArray()) {
      return;
    }
    for (JsonNode component : container.get("components")) {
      visit.accept(component);
      walk(component, visit);
    }
  }

  @ExceptionHandler(NotFoundException.class)
  ModelAndView notFound(NotFoundException e) {
    return MessagePage.of("mytasks/message", HttpStatus.NOT_FOUND, "未找到", e.getMessage());
  }

  @ExceptionHandler(AccessDeniedException.class)
  ModelAndView refused() {
    return MessagePage.of("mytasks/message", HttpStatus.FORBIDDEN, "无权操作", "您只能查看和办理本人的待办。");
  }

  @ExceptionHandler(InvalidInputException.class)
  ModelAndView invalid(InvalidInputException e) {
    return MessagePage.of("mytasks/message", HttpStatus.BAD_REQUEST, "请求有误", e.getMessage());
  }
}
