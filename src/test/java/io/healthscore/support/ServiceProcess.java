package io.healthscore.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthscore.common.EmbeddedDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The packaged service (target/quarkus-app) as its own process on a free port, pointed at an
 * external database as production has it: the service on its own role, migrations as the owner. For
 * the tests that run after packaging (failsafe).
 */
public final class ServiceProcess implements AutoCloseable {

  public static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private final Process process;
  private final String name;
  private final int port;

  private ServiceProcess(Process process, String name, int port) {
    this.process = process;
    this.name = name;
    this.port = port;
  }

  /**
   * Starts an instance; {@code settings} are extra configuration properties (by their property
   * names), passed as environment variables like a deployment does.
   */
  public static ServiceProcess start(
      String name, EmbeddedDatabase db, String adminKey, Map<String, String> settings)
      throws IOException {
    int port = freePort();
    ProcessBuilder builder =
        new ProcessBuilder("java", "-jar", "target/quarkus-app/quarkus-run.jar")
            .redirectErrorStream(true)
            .redirectOutput(Path.of("target", name + "-service.log").toFile());
    db.datasourceProperties()
        .forEach((property, value) -> builder.environment().put(environmentName(property), value));
    builder.environment().put("HEALTHSCORE_BOOTSTRAP_ADMIN_KEY", adminKey);
    builder.environment().put("HEALTHSCORE_RATE_LIMIT_ENABLED", "false");
    builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
    settings.forEach(
        (property, value) -> builder.environment().put(environmentName(property), value));
    return new ServiceProcess(builder.start(), name, port);
  }

  public String baseUrl() {
    return "http://localhost:" + port;
  }

  public Process process() {
    return process;
  }

  /** The readiness probe's status code, or 0 when nothing answers. */
  public int readiness() throws InterruptedException {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return 0;
    }
  }

  /** Waits until the readiness probe answers 200; fails at once if the process exits. */
  public ServiceProcess awaitReady() {
    Awaitility.await(name + " ready (see target/" + name + "-service.log)")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              assertTrue(
                  process.isAlive(), "the service exited; see target/" + name + "-service.log");
              return readiness() == 200;
            });
    return this;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(40, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String environmentName(String property) {
    return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }
}
