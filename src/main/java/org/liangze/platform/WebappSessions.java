package org.liangze.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;

/**
 * The webapps' login session as the platform's pages use it: the CSRF token Camunda keeps in the session (and
 * Tasklist sends as {@code X-XSRF-TOKEN}). A page that writes through the API puts the token into the page, and
 * {@link WebappSessionAuthenticationFilter} accepts a changing request on the session only with it: another site
 * can make the browser send the cookie, but cannot read the token.
 */
public final class WebappSessions {

  /**
   * The form field that carries the token in a page's plain HTML form ({@code application/x-www-form-urlencoded}),
   * which cannot set a header: the phone's 我的待办 completes a task with one, without scripts.
   */
  public static final String FORM_FIELD = "_xsrf";

  private WebappSessions() {
  }

  /** The session's CSRF token, if the request carries a webapp session that has one. */
  public static Optional<String> csrfToken(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    return session == null ? Optional.empty()
        : Optional.ofNullable(session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME))
            .map(Object::toString).filter(token -> !token.isEmpty());
  }

  /**
   * Whether the request's {@code X-XSRF-TOKEN} header, or the {@link #FORM_FIELD} of a URL-encoded form (never a
   * multipart upload, which would be read before anyone is authenticated), is its session's token (compared in
   * constant time).
   */
  static boolean carriesItsToken(HttpServletRequest request) {
    String sent = request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME);
    String offered = sent != null || !isUrlEncodedForm(request) ? sent : request.getParameter(FORM_FIELD);
    return offered != null && csrfToken(request)
        .map(token -> MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
            offered.getBytes(StandardCharsets.UTF_8)))
        .orElse(false);
  }

  private static boolean isUrlEncodedForm(HttpServletRequest request) {
    String type = request.getContentType();
    return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")
        && request.getSession(false) != null;
  }
}
