package org.liangze.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a unit code in an API or page path ({@code /api/units/{code}/…}, {@code /pages/units/{code}/…},
 * {@code /api/overdue/units/{code}/…}, {@code /api/dashboard/units/{code}/…}) that no unit can have: unit codes become Camunda group ids ({@code unit<CODE>staff}), which Camunda's id whitelist keeps to
 * letters and digits. Such a request gets 400 before any controller or query sees it.
 */
class UnitCodePathCheck extends OncePerRequestFilter {

  private static final Pattern UNIT_PATH = Pattern.compile(
      "^/(?:api|pages)(?:/overdue|/dashboard)?/units/([^/]*)(?:/.*)?$");
  private static final Pattern UNIT_CODE = Pattern.compile("[A-Za-z0-9]{1,32}");

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    Matcher unit = UNIT_PATH.matcher(path);
    if (unit.matches() && !UNIT_CODE.matcher(unit.group(1)).matches()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      response.setContentType("application/problem+json;charset=UTF-8");
      response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
          + "\"detail\":\"单位编码不正确\"}").getBytes(StandardCharsets.UTF_8));
      return;
    }
    chain.doFilter(request, response);
  }
}
