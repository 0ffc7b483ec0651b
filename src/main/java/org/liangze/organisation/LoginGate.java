package org.liangze.organisation;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.liangze.organisation.LoginStatus.Status;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The last check of every door, after it has authenticated the caller: someone who left gets nothing (their
 * webapp session is ended), someone who must change an issued password gets nothing but the password page — the
 * engine REST API and {@code /api} answer 403 with a Chinese message, {@code /pages} and the webapps' pages
 * redirect to {@code /pages/password}, the webapps' API answers 403 (their login and logout still work).
 *
 * <p>It also indexes the webapps' sessions by principal name: Camunda's webapp login keeps its user in a session
 * attribute of its own, which Spring Session cannot index, so the user's login is put into
 * {@link FindByIndexNameSessionRepository#PRINCIPAL_NAME_INDEX_NAME}, and {@link IdentityFollowsOrganisation}
 * finds and ends a person's sessions by login.
 *
 * <p>Someone logged in through the identity provider (single sign-on) used no issued password and is not stopped
 * for one on the webapps, {@code /pages} and {@code /api}; the engine REST API, which takes the password, still
 * stops them.
 */
class LoginGate extends OncePerRequestFilter {

  static final String PASSWORD_PAGE = "/pages/password";
  /** Set on every refusal for a password change, so the webapps' script can take the person to the page. */
  static final String PASSWORD_CHANGE_HEADER = "X-Liangze-Password-Change";
  static final String MUST_CHANGE_MESSAGE =
      "请先修改密码：首次登录或管理员重置密码后，须先在“修改密码”页面（/pages/password）设置自己的新密码，才能使用平台";
  static final String LEFT_MESSAGE = "账号已停用：您已不在本区组织人员名单中，如有疑问请联系组织管理员";

  /** The webapps' own pages (an app's index), which redirect; their scripts and styles do not. */
  private static final Pattern WEBAPP_PAGE = Pattern.compile("/camunda/app/[a-z]+/(default/)?(index\\.html)?");

  private final LoginStatus status;
  private final IdentityService identity;
  private final String engineName;
  private final ObjectMapper json = new ObjectMapper();

  LoginGate(LoginStatus status, IdentityService identity, String engineName) {
    this.status = status;
    this.identity = identity;
    this.engineName = engineName;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/camunda/")) {
      webapps(path, request, response, chain);
      return;
    }
    if (path.equals(PASSWORD_PAGE) || path.startsWith(PASSWORD_PAGE + "/")) {
      chain.doFilter(request, response);
      return;
    }
    boolean engineRest = path.startsWith("/engine-rest/");
    String login = engineRest ? engineUser() : platformUser();
    Status state = status.of(login);
    if (state == Status.MUST_CHANGE_PASSWORD && !engineRest && signedOnByProvider(request, login)) {
      state = Status.ACTIVE;
    }
    if (state == Status.LEFT) {
      refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "账号已停用", LEFT_MESSAGE, false);
    } else if (state == Status.MUST_CHANGE_PASSWORD) {
      if (path.startsWith("/pages/") && "GET".equals(request.getMethod())) {
        response.sendRedirect(request.getContextPath() + PASSWORD_PAGE);
      } else {
        refuse(response, HttpServletResponse.SC_FORBIDDEN, "须先修改密码", MUST_CHANGE_MESSAGE, true);
      }
    } else {
      chain.doFilter(request, response);
    }
  }

  private void webapps(String path, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    String login = session == null ? null : webappUser(session);
    boolean checked = path.startsWith("/camunda/api/") || WEBAPP_PAGE.matcher(path).matches();
    if (login != null) {
      index(session, login);
    }
    if (login != null && checked) {
      Status state = status.of(login);
      if (state == Status.MUST_CHANGE_PASSWORD && signedOnByProvider(request, login)) {
        state = Status.ACTIVE;
      }
      if (state == Status.LEFT) {
        session.invalidate();
        if (path.startsWith("/camunda/api/")) {
          refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "账号已停用", LEFT_MESSAGE, false);
          return;
        }
      } else if (state == Status.MUST_CHANGE_PASSWORD && !path.startsWith("/camunda/api/admin/auth/")) {
        if (path.startsWith("/camunda/api/")) {
          refuse(response, HttpServletResponse.SC_FORBIDDEN, "须先修改密码", MUST_CHANGE_MESSAGE, true);
          return;
        }
        if ("GET".equals(request.getMethod()) && WEBAPP_PAGE.matcher(path).matches()) {
          response.sendRedirect(request.getContextPath() + PASSWORD_PAGE);
          return;
        }
      }
    }
    chain.doFilter(request, response);
    if (login == null && path.startsWith("/camunda/api/admin/auth/")) {
      // a login just now: index the new session by the user's login
      HttpSession after = request.getSession(false);
      String loggedIn = after == null ? null : webappUser(after);
      if (loggedIn != null) {
        index(after, loggedIn);
      }
    }
  }

  private static void index(HttpSession session, String login) {
    if (!login.equals(session.getAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME))) {
      session.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, login);
    }
  }

  /**
   * Whether this session's login is the identity provider's (single sign-on, org.liangze.sso): no issued password
   * was used, so none has to be changed before working. The only logins kept in a session's Spring Security context
   * are the provider's (the platform's other chains keep none). The engine REST API, which takes the password,
   * still asks for the change.
   */
  private static boolean signedOnByProvider(HttpServletRequest request, String login) {
    HttpSession session = request.getSession(false);
    try {
      Object context = session == null ? null
          : session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
      return context instanceof SecurityContext security
          && security.getAuthentication() instanceof OAuth2AuthenticationToken provider
          && provider.getName().equals(login);
    } catch (IllegalStateException invalidated) {
      return false;
    }
  }

  private String webappUser(HttpSession session) {
    try {
      Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
      if (authentications != null
          && authentications.getAuthenticationForProcessEngine(engineName) instanceof UserAuthentication user) {
        return user.getName();
      }
    } catch (IllegalStateException invalidated) {
      // a session ended by another request
    }
    return null;
  }

  private String engineUser() {
    Authentication authentication = identity.getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }

  private static String platformUser() {
    var authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken) {
      return null;
    }
    return authentication.getName();
  }

  private void refuse(HttpServletResponse response, int status, String title, String detail, boolean passwordChange)
      throws IOException {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", title);
    problem.put("status", status);
    problem.put("detail", detail);
    // the webapps show "message" in their notifications
    problem.put("message", detail);
    if (passwordChange) {
      problem.put("passwordPage", PASSWORD_PAGE);
      response.setHeader(PASSWORD_CHANGE_HEADER, PASSWORD_PAGE);
    }
    response.setStatus(status);
    response.setContentType("application/problem+json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(json.writeValueAsString(problem));
  }
}
