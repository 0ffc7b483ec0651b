package org.liangze.platform;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.GetDeployedStartFormCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a person set on a task, or on a process they start, only what its Camunda Form asks of them. Completing a task (engine REST
 * {@code complete}, {@code submit-form}, {@code resolve}, {@code bpmnError}, {@code bpmnEscalation}, and the same
 * through the webapps' engine API) with a variable the form does not offer is refused with 400 before the engine
 * sees it, so nobody can sign with another unit's {@code letterId} or accept their own work with
 * {@code decision=ACCEPT}. Changing a task's variables directly ({@code variables}, {@code localVariables}) is
 * refused with 403 unless every name is one of the form's keys. Administrators ({@code camunda-admin}) are not
 * limited. Starting a process ({@code process-definition/…/start|submit-form}) likewise takes only the start form's
 * fields, and neither start instructions nor skipped listeners or mappings, which would pass the start event's
 * checks by. The form is read as the platform, without the caller's authorizations: the engine decides afterwards
 * whether the caller may work on the task or start the process at all.
 */
class FormVariableGuard extends OncePerRequestFilter {

  /** Always allowed on completion: the reason for finishing overdue work, asked for by every form. */
  static final String LATE_REASON = "lateReason";

  static final String ADMIN_GROUP = "camunda-admin";

  /** Camunda Forms carry a few hundred fields at most; anything far larger is not a form submission. */
  static final int MAX_BODY = 5 * 1024 * 1024;

  private static final Logger log = LoggerFactory.getLogger(FormVariableGuard.class);

  private static final Pattern TASK_ENDPOINT = Pattern.compile(
      "^(/engine-rest(?:/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+)/task/([^/]+)/"
          + "(complete|submit-form|resolve|bpmnerror|bpmnescalation|variables|localvariables)"
          + "(?:/([^/]+)(?:/data)?)?/?$",
      Pattern.CASE_INSENSITIVE);

  private static final Pattern START_ENDPOINT = Pattern.compile(
      "^(/engine-rest(?:/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+)/process-definition/"
          + "(?:key/([^/]+)(?:/tenant-id/([^/]+))?|([^/]+))/(?:start|submit-form)/?$",
      Pattern.CASE_INSENSITIVE);

  private static final Set<String> COMPLETIONS =
      Set.of("complete", "submit-form", "resolve", "bpmnerror", "bpmnescalation");

  private final ProcessEngineConfigurationImpl engine;
  private final IdentityService identityService;
  private final String engineName;
  // a second JSON value after the first is refused rather than left for a reader downstream to interpret
  private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  FormVariableGuard(ProcessEngineConfigurationImpl engine, String engineName) {
    this.engine = engine;
    this.identityService = engine.getIdentityService();
    this.engineName = engineName;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    String method = request.getMethod().toUpperCase(Locale.ROOT);
    Matcher task = TASK_ENDPOINT.matcher(path);
    Matcher start = START_ENDPOINT.matcher(path);
    boolean isTask = task.matches();
    boolean isStart = !isTask && start.matches() && method.equals("POST");
    if (!isTask && !isStart || method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
      chain.doFilter(request, response);
      return;
    }
    List<String> groups = callerGroups(request, (isTask ? task : start).group(1).startsWith("/camunda"));
    if (groups == null) {
      // not logged in: the engine's own authentication answers (401); nothing to check for an anonymous caller
      chain.doFilter(request, response);
      return;
    }
    if (groups.contains(ADMIN_GROUP)) {
      chain.doFilter(request, response);
      return;
    }
    String action = isTask ? task.group(3).toLowerCase(Locale.ROOT) : "start";
    String variableName = isTask ? task.group(4) : null;
    boolean completion = !isTask || COMPLETIONS.contains(action);
    if (completion && variableName != null) {
      chain.doFilter(request, response);
      return;
    }

    CachedBodyRequest cached = null;
    Set<String> submitted = new LinkedHashSet<>();
    if (variableName != null) {
      submitted.add(variableName);
    } else {
      if (request.getContentLengthLong() > MAX_BODY) {
        refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "提交的内容过大");
        return;
      }
      byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
      if (body.length > MAX_BODY) {
        refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "提交的内容过大");
        return;
      }
      cached = new CachedBodyRequest(request, body);
      try {
        submitted.addAll(namesIn(body, completion));
        if (isStart && bypassesTheStart(body)) {
          log.warn("Refused {} {} by {}: start instructions or skipped listeners", method, path,
              callerName(request));
          refuse(response, HttpServletResponse.SC_FORBIDDEN, "无权跳过流程的开始环节或其校验");
          return;
        }
      } catch (IOException | IllegalArgumentException e) {
        refuse(response, HttpServletResponse.SC_BAD_REQUEST, "请求格式不正确");
        return;
      }
    }
    if (submitted.isEmpty()) {
      chain.doFilter(cached == null ? request : cached, response);
      return;
    }

    Set<String> allowed = isTask ? formKeys(task.group(2)) : startFormKeys(start.group(4), start.group(2),
        start.group(3));
    if (allowed == null) {
      // no such task or process: the engine answers as it always does (404), without this filter saying more
      chain.doFilter(cached == null ? request : cached, response);
      return;
    }
    Set<String> forged = new TreeSet<>(submitted);
    forged.removeAll(allowed);
    if (completion) {
      forged.remove(LATE_REASON);
    }
    if (!forged.isEmpty()) {
      log.warn("Refused {} {} by {}: variables {} are not on the form", method, path, callerName(request), forged);
      if (isStart) {
        refuse(response, HttpServletResponse.SC_BAD_REQUEST,
            "提交的内容包含表单之外的字段：" + String.join("、", forged) + "，流程未启动");
      } else if (completion) {
        refuse(response, HttpServletResponse.SC_BAD_REQUEST,
            "提交的内容包含表单之外的字段：" + String.join("、", forged) + "，任务未办理");
      } else {
        refuse(response, HttpServletResponse.SC_FORBIDDEN, "无权修改表单之外的变量：" + String.join("、", forged));
      }
      return;
    }
    chain.doFilter(cached == null ? request : cached, response);
  }

  /** Whether a start request asks to begin elsewhere than the start event or to skip listeners or mappings. */
  private boolean bypassesTheStart(byte[] body) throws IOException {
    if (body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
      return false;
    }
    JsonNode root = json.readTree(body);
    if (root == null || !root.isObject()) {
      return false;
    }
    for (var field : (Iterable<Map.Entry<String, JsonNode>>) root::fields) {
      String property = field.getKey().toLowerCase(Locale.ROOT);
      JsonNode value = field.getValue();
      if (property.equals("startinstructions") && !(value.isNull() || value.isArray() && value.isEmpty())) {
        return true;
      }
      if ((property.equals("skipcustomlisteners") || property.equals("skipiomappings"))
          && !(value.isNull() || value.isBoolean() && !value.booleanValue()
          || value.isTextual() && value.asText().equalsIgnoreCase("false"))) {
        return true;
      }
    }
    return false;
  }

  /** The groups of the logged-in caller, or null if nobody is logged in. */
  private List<String> callerGroups(HttpServletRequest request, boolean webapp) {
    Authentication current = identityService.getCurrentAuthentication();
    if (current != null && current.getUserId() != null) {
      return current.getGroupIds() == null ? List.of() : current.getGroupIds();
    }
    if (webapp) {
      HttpSession session = request.getSession(false);
      Authentications authentications = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
      if (authentications != null
          && authentications.getAuthenticationForProcessEngine(engineName) instanceof UserAuthentication user) {
        return user.getGroupIds() == null ? List.of() : List.copyOf(user.getGroupIds());
      }
    }
    return null;
  }

  private String callerName(HttpServletRequest request) {
    Authentication current = identityService.getCurrentAuthentication();
    return current != null ? current.getUserId() : request.getRemoteUser();
  }

  /** The variable names a request body sets or deletes. */
  private Set<String> namesIn(byte[] body, boolean completion) throws IOException {
    Set<String> names = new LinkedHashSet<>();
    if (body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
      return names;
    }
    JsonNode root = json.readTree(body);
    if (root == null || root.isNull()) {
      return names;
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException("not an object");
    }
    // every spelling of the property names, should a JSON reader downstream be lenient about their case
    for (var field : (Iterable<Map.Entry<String, JsonNode>>) root::fields) {
      String property = field.getKey().toLowerCase(Locale.ROOT);
      if (completion && property.equals("variables") || !completion && property.equals("modifications")) {
        addObjectKeys(field.getValue(), names);
      } else if (!completion && property.equals("deletions")) {
        JsonNode deletions = field.getValue();
        if (deletions != null && !deletions.isNull()) {
          if (!deletions.isArray()) {
            throw new IllegalArgumentException("deletions");
          }
          deletions.forEach(name -> names.add(name.asText()));
        }
      }
    }
    return names;
  }

  private static void addObjectKeys(JsonNode node, Set<String> names) {
    if (node == null || node.isNull()) {
      return;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("not an object");
    }
    node.fieldNames().forEachRemaining(names::add);
  }

  /**
   * The top-level variable names the task's deployed Camunda Form writes: empty if the task has a form that
   * cannot be read as a Camunda Form (nothing is known to be offered, so nothing is allowed), null if there is
   * no such task.
   */
  Set<String> formKeys(String taskId) {
    Command<byte[]> readForm = context -> context.runWithoutAuthorization(inner -> {
      if (inner.getTaskManager().findTaskById(taskId) == null) {
        return null;
      }
      try (InputStream form = new GetDeployedTaskFormCmd(taskId).execute(inner)) {
        return form.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (ProcessEngineException e) {
        log.info("Task {} offers no readable Camunda Form: {}", taskId, e.getMessage());
        return new byte[0];
      }
    });
    byte[] form = engine.getCommandExecutorTxRequired().execute(readForm);
    return form == null ? null : parseKeys(form);
  }

  /**
   * The top-level variable names a process definition's deployed start form writes (by id, or the latest of a key),
   * empty if it has none, null if there is no such process definition.
   */
  Set<String> startFormKeys(String definitionId, String key, String tenantId) {
    Command<byte[]> readForm = context -> context.runWithoutAuthorization(inner -> {
      var definitions = inner.getProcessDefinitionManager();
      var definition = definitionId != null ? definitions.findLatestProcessDefinitionById(definitionId)
          : tenantId != null ? definitions.findLatestProcessDefinitionByKeyAndTenantId(key, tenantId)
          : definitions.findLatestProcessDefinitionByKey(key);
      if (definition == null) {
        return null;
      }
      try (InputStream form = new GetDeployedStartFormCmd(definition.getId()).execute(inner)) {
        return form.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (ProcessEngineException e) {
        log.info("Process {} offers no readable start form: {}", definition.getId(), e.getMessage());
        return new byte[0];
      }
    });
    byte[] form;
    try {
      form = engine.getCommandExecutorTxRequired().execute(readForm);
    } catch (ProcessEngineException e) {
      // several tenants' definitions of the key, say: the engine answers that request itself
      return null;
    }
    return form == null ? null : parseKeys(form);
  }

  /** The form's keys; none if it is not Camunda Form JSON (an embedded HTML form, say). */
  private Set<String> parseKeys(byte[] form) {
    try {
      JsonNode tree = json.readTree(form);
      return tree == null ? Set.of() : keysOf(tree);
    } catch (IOException e) {
      return Set.of();
    }
  }

  /** Field keys, and the paths of dynamic lists and groups, by their first segment. */
  static Set<String> keysOf(JsonNode form) {
    Set<String> keys = new TreeSet<>();
    collect(form, keys);
    return keys;
  }

  private static void collect(JsonNode container, Set<String> keys) {
    JsonNode components = container.get("components");
    if (components == null || !components.isArray()) {
      return;
    }
    for (JsonNode component : components) {
      String path = component.path("path").asText("");
      if (!path.isBlank()) {
        // a dynamic list or a group with a path submits its children under the path
        keys.add(path.split("\\.")[0]);
        continue;
      }
      String key = component.path("key").asText("");
      if (!key.isBlank()) {
        keys.add(key.split("\\.")[0]);
      }
      collect(component, keys);
    }
  }

  private void refuse(HttpServletResponse response, int status, String detail) throws IOException {
    response.setStatus(status);
    response.setContentType("application/problem+json;charset=UTF-8");
    // "type" and "message" as the engine REST API's own errors, which Tasklist shows; "detail" as RFC 9457
    response.getOutputStream().write(json.writeValueAsBytes(Map.of(
        "type", status == HttpServletResponse.SC_FORBIDDEN ? "AuthorizationException" : "InvalidRequestException",
        "status", status, "message", detail, "detail", detail)));
  }

  /** The request with its body read once and served again to whoever reads it next. */
  static final class CachedBodyRequest extends HttpServletRequestWrapper {

    private final byte[] body;

    CachedBodyRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException();
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
      return new BufferedReader(new InputStreamReader(getInputStream(),
          Charset.forName(encoding)));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
