package org.liangze.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps the JSON the platform's API accepts: nothing it takes in JSON comes near {@link #MAX_JSON}, so a larger body
 * is refused with 413 before anything parses it. Uploads (multipart) have their own limits.
 */
class RequestSizeLimit extends OncePerRequestFilter {

  static final int MAX_JSON = 1024 * 1024;

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean json;
    try {
      json = request.getContentType() != null
          && MediaType.parseMediaType(request.getContentType()).getSubtype().contains("json");
    } catch (InvalidMediaTypeException e) {
      // not JSON; Spring MVC answers an unreadable content type itself
      json = false;
    }
    if (!json) {
      chain.doFilter(request, response);
      return;
    }
    if (request.getContentLengthLong() > MAX_JSON) {
      refuse(response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_JSON + 1);
    if (body.length > MAX_JSON) {
      refuse(response);
      return;
    }
    chain.doFilter(new FormVariableGuard.CachedBodyRequest(request, body), response);
  }

  private static void refuse(HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    response.setContentType("application/problem+json;charset=UTF-8");
    response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Payload Too Large\",\"status\":413,"
        + "\"detail\":\"提交的内容过大（上限 1 MB）\"}").getBytes(StandardCharsets.UTF_8));
  }
}
