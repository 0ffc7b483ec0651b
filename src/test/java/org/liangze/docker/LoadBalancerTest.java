package org.liangze.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docker/nginx.conf}, the load balancer of {@code docker/compose.cluster.yaml}, run by Debian's nginx
 * (package {@code nginx-light}, which {@code .ci/run} installs) in front of two small HTTP servers in the nodes'
 * places: only the upstream addresses and the listening port are changed. What the platform's nodes need from it:
 * no session affinity, the forwarded headers, evidence uploads of 25 MB, and a node that is down skipped.
 */
class LoadBalancerTest {

  static final Path NGINX = Path.of("/usr/sbin/nginx");

  @TempDir Path prefix;
  final List<HttpServer> nodes = new ArrayList<>();
  final Map<String, List<Map<String, String>>> requestsByNode = new ConcurrentHashMap<>();
  Process nginx;
  int port;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void start() throws Exception {
    assertThat(NGINX).as("nginx is missing: apt-get install nginx-light (see .ci/run)").isExecutable();
    String config = Files.readString(Path.of("docker/nginx.conf"));
    for (String name : List.of("node1", "node2")) {
      HttpServer node = node(name);
      config = config.replace("server " + name + ":8080", "server 127.0.0.1:" + node.getAddress().getPort());
    }
    port = freePort();
    config = config.replace("listen 80;", "listen 127.0.0.1:" + port + ";");
    Path main = prefix.resolve("nginx.conf");
    Files.createDirectories(prefix.resolve("logs"));
    // run as root (as .ci/run does), nginx's workers are "nobody": they buffer large uploads in these directories
    for (Path dir : List.of(prefix, prefix.resolve("body"), prefix.resolve("proxy"))) {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    }
    Files.writeString(main, """
        daemon off;
        worker_processes 1;
        pid %s/nginx.pid;
        error_log %s/logs/error.log warn;
        events { worker_connections 64; }
        http {
          access_log off;
          client_body_temp_path %s/body;
          proxy_temp_path %s/proxy;
          %s
        }
        """.formatted(prefix, prefix, prefix, prefix, config));
    nginx = new ProcessBuilder(NGINX.toString(), "-p", prefix.toString(), "-c", main.toString())
        .redirectErrorStream(true).redirectOutput(prefix.resolve("logs/stdout.log").toFile()).start();
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!answers()) {
      assertThat(nginx.isAlive()).as(() -> "nginx stopped: " + log()).isTrue();
      assertThat(System.nanoTime()).as("nginx did not start listening").isLessThan(until);
      Thread.sleep(50);
    }
  }

  @AfterEach
  void stop() {
    if (nginx != null) {
      nginx.destroy();
    }
    nodes.forEach(node -> node.stop(0));
  }

  @Test
  void oneUsersRequestsGoToEveryNodeWithTheForwardedHeaders() throws Exception {
    for (int i = 0; i < 10; i++) {
      HttpResponse<String> answer = client.send(HttpRequest.newBuilder(uri("/camunda/app/tasklist/"))
          .header("Cookie", "SESSION=the-same-login").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(200);
    }
    // round robin with the same session cookie: no pinning, because sessions live in the database
    assertThat(requestsByNode.get("node1")).hasSize(5);
    assertThat(requestsByNode.get("node2")).hasSize(5);
    Map<String, String> seen = requestsByNode.get("node1").get(0);
    // the host with the port the browser used, so the platform's links and redirects point back through nginx
    assertThat(seen).containsEntry("x-forwarded-host", "127.0.0.1:" + port)
        .containsEntry("x-forwarded-proto", "http").containsEntry("x-forwarded-for", "127.0.0.1")
        .containsEntry("host", "127.0.0.1:" + port).containsEntry("cookie", "SESSION=the-same-login");
  }

  @Test
  void whatAClientSendsAsForwardedHeadersNeverReachesTheNodes() throws Exception {
    HttpResponse<String> answer = client.send(HttpRequest.newBuilder(uri("/api/me"))
        .header("X-Forwarded-For", "10.9.9.9").header("X-Forwarded-Proto", "https")
        .header("X-Forwarded-Host", "evil.example").header("Forwarded", "for=10.9.9.9;proto=https")
        .header("X-Forwarded-Port", "443").header("X-Forwarded-Prefix", "/evil").header("X-Forwarded-Ssl", "on")
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    Map<String, String> seen = requestsByNode.values().stream().flatMap(List::stream).findFirst().orElseThrow();
    // the nodes trust this proxy, so it states the client's address and scheme itself
    assertThat(seen).containsEntry("x-forwarded-for", "127.0.0.1").containsEntry("x-forwarded-proto", "http")
        .containsEntry("x-forwarded-host", "127.0.0.1:" + port)
        .doesNotContainKeys("forwarded", "x-forwarded-port", "x-forwarded-prefix", "x-forwarded-ssl");
  }

  @Test
  void anEvidenceUploadOf25MegabytesPasses() throws Exception {
    byte[] evidence = new byte[25 * 1024 * 1024];
    HttpResponse<String> answer = client.send(HttpRequest.newBuilder(uri("/api/evidence"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(evidence)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).endsWith("received " + evidence.length);
  }

  @Test
  void aNodeThatIsDownIsSkipped() throws Exception {
    nodes.get(0).stop(0);
    for (int i = 0; i < 6; i++) {
      HttpResponse<String> answer = client.send(HttpRequest.newBuilder(uri("/api/me")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).startsWith("node2");
    }
  }

  private HttpServer node(String name) throws IOException {
    HttpServer node = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    requestsByNode.put(name, new CopyOnWriteArrayList<>());
    node.createContext("/", exchange -> {
      long received;
      try (InputStream body = exchange.getRequestBody()) {
        received = body.transferTo(java.io.OutputStream.nullOutputStream());
      }
      Map<String, String> headers = new ConcurrentHashMap<>();
      exchange.getRequestHeaders().forEach((key, values) -> headers.put(key.toLowerCase(), values.get(0)));
      if (!exchange.getRequestURI().getPath().equals("/probe")) {
        requestsByNode.get(name).add(headers);
      }
      byte[] answer = (name + " received " + received).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    node.start();
    nodes.add(node);
    return node;
  }

  private boolean answers() {
    try {
      return client.send(HttpRequest.newBuilder(uri("/probe")).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private String log() {
    try {
      return Files.readString(prefix.resolve("logs/stdout.log")) + Files.readString(prefix.resolve("logs/error.log"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
