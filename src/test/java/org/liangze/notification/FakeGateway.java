package org.liangze.notification;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real HTTP server on 127.0.0.1 standing in for the SMS, WeCom and DingTalk gateways (the JDK's HttpServer): it
 * keeps every request it gets and answers each path with what the test queued for it, else with the path's
 * default answer (the gateway's "OK").
 */
final class FakeGateway implements AutoCloseable {

  /** A request as the gateway received it. */
  record Request(String method, String path, String rawQuery, String contentType, String body) {

    Map<String, String> query() {
      return decode(rawQuery);
    }

    Map<String, String> form() {
      return decode(body);
    }
  }

  /** An answer: HTTP status and JSON body. */
  record Answer(int status, String body) {
  }

  private final HttpServer server;
  private final List<Request> requests = new ArrayList<>();
  private final Map<String, Answer> defaults = new ConcurrentHashMap<>();
  private final Map<String, Deque<Answer>> queued = new ConcurrentHashMap<>();

  FakeGateway() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String path = exchange.getRequestURI().getPath();
      synchronized (requests) {
        requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
            exchange.getRequestHeaders().getFirst("Content-Type"), body));
      }
      Deque<Answer> next = queued.get(path);
      Answer answer = next != null && !next.isEmpty() ? next.poll()
          : defaults.getOrDefault(path, new Answer(404, "{\"error\":\"no such path\"}"));
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
      exchange.sendResponseHeaders(answer.status(), bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  FakeGateway answer(String path, int status, String body) {
    defaults.put(path, new Answer(status, body));
    return this;
  }

  /** Answers the next requests to the path with these, in order, then with the default again. */
  void queue(String path, Answer... answers) {
    queued.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(answers));
  }

  List<Request> requests(String path) {
    synchronized (requests) {
      return requests.stream().filter(r -> r.path().equals(path)).toList();
    }
  }

  void clear() {
    synchronized (requests) {
      requests.clear();
    }
    queued.clear();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  static Map<String, String> decode(String encoded) {
    Map<String, String> values = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return values;
    }
    for (String pair : encoded.split("&")) {
      int equals = pair.indexOf('=');
      values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
    }
    return values;
  }
}
