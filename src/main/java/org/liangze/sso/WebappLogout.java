package org.liangze.sso;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The webapps' 退出 with single sign-on on: their logout request ({@code POST
 * /camunda/api/admin/auth/user/{engine}/logout}) does not end the session here — that would end it without the
 * provider knowing, and the next page would log the person straight back in. It answers with a header naming
 * {@link SsoProperties#LOGOUT}, where the webapps' script ({@code scripts/sso.js}) takes the browser: the
 * platform's session ends, then the provider's (RP-initiated logout).
 */
class WebappLogout extends OncePerRequestFilter {

  static final String LOGOUT_HEADER = "X-Liangze-Sso-Logout";
  private static final Pattern LOGOUT = Pattern.compile("/camunda/api/admin/auth/user/[^/]+/logout");

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if ("POST".equals(request.getMethod()) && LOGOUT.matcher(path).matches()) {
      response.setStatus(HttpServletResponse.SC_OK);
      response.setHeader(LOGOUT_HEADER, request.getContextPath() + SsoProperties.LOGOUT);
      response.setContentType("application/json");
      response.getWriter().write("{}");
      return;
    }
    chain.doFilter(request, response);
  }
}
