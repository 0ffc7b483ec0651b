package org.liangze.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The HTTP client the gateway channels share (the JDK's): a JSON answer or a {@link GatewayException} for an HTTP
 * error status or an answer that is not JSON; a connection failure stays an I/O error in the cause chain, which
 * {@link DeliveryFailures} words.
 */
@Component
class GatewayHttp {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final ObjectMapper json = new ObjectMapper();

  JsonNode get(String gateway, URI uri) {
    return send(gateway, HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build());
  }

  JsonNode postJson(String gateway, URI uri, Object body) {
    try {
      return send(gateway, HttpRequest.newBuilder(uri).timeout(TIMEOUT)
          .header("Content-Type", "application/json;charset=UTF-8")
          .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8))
          .build());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("Could not write the request to " + gateway, e);
    }
  }

  JsonNode postForm(String gateway, URI uri, String form) {
    return send(gateway, HttpRequest.newBuilder(uri).timeout(TIMEOUT)
        .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
        .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build());
  }

  private JsonNode send(String gateway, HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(gateway + " unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while calling " + gateway, e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new GatewayException(gateway + "服务返回错误（HTTP " + response.statusCode() + "）",
          gateway + " answered HTTP " + response.statusCode() + ": " + abbreviate(response.body()));
    }
    try {
      return json.readTree(response.body());
    } catch (IOException e) {
      throw new GatewayException(gateway + "服务的应答无法识别", gateway + " answered no JSON: "
          + abbreviate(response.body()));
    }
  }

  private static String abbreviate(String text) {
    return text == null ? "" : text.length() > 300 ? text.substring(0, 300) : text;
  }
}
