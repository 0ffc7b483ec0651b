package org.liangze.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.ByteArrayResource;

/**
 * HTTP as the fault tests' people use it, against any node: HTTP Basic for the APIs, and the webapps' session login
 * (session cookie plus Camunda's CSRF token) as a browser holds it — so the same session can be presented to
 * another node.
 */
public final class WebClient {

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private WebClient() {
  }

  /** A browser's webapp login: its cookies and the CSRF token that goes with its session. */
  public record Session(String userId, Map<String, String> cookies, String csrfToken) {

    String cookieHeader() {
      return String.join("; ", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).toList());
    }
  }
  /** A file for a multipart upload through {@code TestRestTemplate}: the bytes under the name the browser sends. */
  public static ByteArrayResource namedFile(byte[] content, String filename) {
    return new ByteArrayResource(content) {
      @Override
      public String getFilename() {
        return filename;
      }
    };
  }


  public static HttpResponse<String> basic(String method, URI uri, String user, String password, String json) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    return send(withBody(request, method, json));
  }

  /** Logs into Tasklist at {@code base} the way the login page does; returns the logged-in session. */
  public static Session tasklistLogin(URI base, String user, String password) {
    return webappLogin(base, "tasklist", user, password);
  }

  /** Logs into a webapp ({@code tasklist}, {@code cockpit}, {@code admin}) the way its login page does. */
  public static Session webappLogin(URI base, String app, String user, String password) {
    Map<String, String> cookies = new LinkedHashMap<>();
    HttpResponse<String> probe = send(HttpRequest.newBuilder(base.resolve("/camunda/api/admin/auth/user/default"))
        .timeout(Duration.ofSeconds(30)).GET());
    remember(probe, cookies);
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode(password, StandardCharsets.UTF_8);
    Session anonymous = new Session(null, cookies, cookies.get("XSRF-TOKEN"));
    HttpResponse<String> login = send(HttpRequest.newBuilder(
            base.resolve("/camunda/api/admin/auth/user/default/login/" + app))
        .timeout(Duration.ofSeconds(30))
        .header("Cookie", anonymous.cookieHeader()).header("X-XSRF-TOKEN", anonymous.csrfToken())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)));
    if (login.statusCode() != 200) {
      throw new IllegalStateException("login of " + user + " answered " + login.statusCode() + ": " + login.body());
    }
    // the session id changes at login, and the token with it: ask once more with the new session
    remember(login, cookies);
    HttpResponse<String> again = send(HttpRequest.newBuilder(base.resolve("/camunda/api/admin/auth/user/default"))
        .timeout(Duration.ofSeconds(30)).header("Cookie", new Session(user, cookies, null).cookieHeader()).GET());
    remember(again, cookies);
    return new Session(user, Map.copyOf(cookies), cookies.get("XSRF-TOKEN"));
  }

  /** A request with the session's cookies and, for changing requests, its CSRF token — to any node. */
  public static HttpResponse<String> withSession(String method, URI uri, Session session, String json) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
        .header("Cookie", session.cookieHeader());
    if (!method.equals("GET")) {
      request.header("X-XSRF-TOKEN", session.csrfToken());
    }
    return send(withBody(request, method, json));
  }

  /** A browser's HTML form post ({@code application/x-www-form-urlencoded}), without credentials. */
  public static HttpResponse<String> form(URI uri, Map<String, String> fields) {
    String body = String.join("&", fields.entrySet().stream()
        .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
        .toList());
    return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static HttpRequest.Builder withBody(HttpRequest.Builder request, String method, String json) {
    if (json == null) {
      return request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return request.header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json));
  }

  private static void remember(HttpResponse<?> response, Map<String, String> cookies) {
    List<String> set = response.headers().allValues("Set-Cookie");
    for (String cookie : set) {
      String pair = cookie.split(";", 2)[0];
      int equals = pair.indexOf('=');
      cookies.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
    }
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
