package org.liangze.support;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.liangze.LiangzeApplication;

/**
 * One platform node in a JVM of its own: the application's main class on the build's classpath, configured as in
 * production by environment variables (profile {@code postgres}), on a port of its own. Its output goes to
 * {@code target/cluster/<name>.log}, for diagnosis when a fault test fails.
 */
public final class PlatformNode implements AutoCloseable {

  private static final Path LOG_DIR = Path.of("target", "cluster");

  private final String name;
  private final int port;
  private final Process process;
  private final Path log;

  private PlatformNode(String name, int port, Process process, Path log) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts a node. {@code environment} holds the production variables (POSTGRES_URL, LIANGZE_ADMIN_PASSWORD, ...);
   * {@code arguments} are Spring properties as command-line arguments ({@code --name=value}).
   */
  public static PlatformNode start(String name, Map<String, String> environment, List<String> arguments) {
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // two cores and several JVMs: modest heaps, and the quick JIT tier for a faster start
        "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-Dfile.encoding=UTF-8",
        "-cp", applicationClassPath(),
        LiangzeApplication.class.getName()));
    command.addAll(arguments);
    try {
      Files.createDirectories(LOG_DIR);
      Path log = LOG_DIR.resolve(name + ".log");
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(log.toFile());
      builder.environment().putAll(environment);
      builder.environment().put("PORT", String.valueOf(port));
      Process process = builder.start();
      PlatformNode node = new PlatformNode(name, port, process, log);
      // should the test JVM end abruptly, its children must not outlive it
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the node answers its readiness probe with UP (or fails early if the JVM ended). */
  public PlatformNode awaitReady(Duration timeout) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    await("node " + name + " ready (see " + log + ")").atMost(timeout).pollInterval(Duration.ofMillis(500))
        .ignoreExceptions().until(() -> {
          if (!process.isAlive()) {
            throw new IllegalStateException("node " + name + " ended with exit code " + process.exitValue()
                + "; its output is in " + log);
          }
          HttpResponse<String> response = client.send(HttpRequest.newBuilder(url("/actuator/health/readiness"))
              .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
          return response.statusCode() == 200 && response.body().contains("\"UP\"");
        });
    return this;
  }

  /** SIGKILL on Linux: no shutdown hook, no graceful shutdown, no rollback but PostgreSQL's own. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The CPU time the node's JVM has used so far. */
  public Duration cpuTime() {
    return process.info().totalCpuDuration().orElse(Duration.ZERO);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public URI url(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  public String name() {
    return name;
  }

  public Path log() {
    return log;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  /**
   * The classpath the platform is built with: the test run's classpath (Maven's, from surefire) without the test
   * classes, so the node holds no test configuration — it is what the jar would hold.
   */
  static String applicationClassPath() {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String main = Path.of("target", "classes").toAbsolutePath().toString();
    List<String> entries = Arrays.stream(classPath.split(File.pathSeparator))
        .filter(entry -> !entry.isBlank())
        .filter(entry -> !Path.of(entry).toAbsolutePath().normalize().endsWith(Path.of("target", "test-classes")))
        .collect(Collectors.toList());
    if (entries.stream().noneMatch(entry -> Path.of(entry).toAbsolutePath().normalize().toString().equals(main))) {
      throw new IllegalStateException("the application classes (" + main + ") are not on the test classpath: "
          + classPath);
    }
    return String.join(File.pathSeparator, entries);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
