package org.liangze.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * A person completing a task in Tasklist whose input the platform refuses ({@link InvalidInputException}) reads the
 * platform's Chinese message alone. Camunda's REST API, behind Tasklist and at {@code /engine-rest}, prefixes it with
 * "Cannot submit task form &lt;task id&gt;: " (or "Cannot complete task &lt;task id&gt;: ", and for a start form
 * "Cannot instantiate process definition &lt;definition id&gt;: "), and Tasklist shows the whole text: English and an
 * id nobody should read. This filter drops that prefix from the error of a task's completion or a start form's
 * submission when the rest is a message for people (it has Chinese in it); every other response passes unchanged.
 */
class TaskFormErrors extends OncePerRequestFilter {

  private static final Pattern PREFIX = Pattern.compile(
      "^Cannot (?:submit task form|complete task|instantiate process definition) \\S+: (.*)$", Pattern.DOTALL);
  private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");

  private final ObjectMapper json = new ObjectMapper();

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return !"POST".equals(request.getMethod()) || !(path.endsWith("/submit-form") || path.endsWith("/complete"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
    try {
      chain.doFilter(request, wrapper);
      if (wrapper.getStatus() >= 400) {
        byte[] mended = mended(wrapper.getContentAsByteArray());
        if (mended != null) {
          wrapper.resetBuffer();
          wrapper.getOutputStream().write(mended);
        }
      }
    } finally {
      wrapper.copyBodyToResponse();
    }
  }

  /** The error body with the message's prefix dropped, or null when it is not such an error. */
  byte[] mended(byte[] body) {
    if (body.length == 0 || body[0] != '{') {
      return null;
    }
    try {
      JsonNode error = json.readTree(body);
      if (!(error instanceof ObjectNode object) || !error.path("message").isTextual()) {
        return null;
      }
      Matcher prefixed = PREFIX.matcher(error.get("message").asText());
      if (!prefixed.matches() || !CHINESE.matcher(prefixed.group(1)).find()) {
        return null;
      }
      object.put("message", prefixed.group(1));
      return json.writeValueAsString(object).getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }
}
