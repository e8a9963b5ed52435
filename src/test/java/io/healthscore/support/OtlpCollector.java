package io.healthscore.support;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The suite's service runs as an operator observes it: tracing on, exporting spans to this stand-in
 * OTLP/HTTP collector, and JSON logs written to a file the tests read. Every test runs so (the cost
 * is small), so that the suite builds and starts the service once.
 */
public class OtlpCollector implements QuarkusTestResourceLifecycleManager {

  public static final Path LOG = Path.of("target", "observed-test.json");

  /** The bodies of the OTLP exports the collector received. */
  public static final List<byte[]> EXPORTS = new CopyOnWriteArrayList<>();

  private HttpServer server;

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/v1/traces",
        exchange -> {
          EXPORTS.add(exchange.getRequestBody().readAllBytes());
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    return Map.of(
        "quarkus.log.file.enabled",
        "true",
        "quarkus.log.file.path",
        LOG.toString(),
        "quarkus.log.file.json.enabled",
        "true",
        "quarkus.otel.sdk.disabled",
        "false",
        "quarkus.otel.exporter.otlp.traces.endpoint",
        "http://127.0.0.1:" + server.getAddress().getPort(),
        "quarkus.otel.exporter.otlp.traces.protocol",
        "http/protobuf",
        "quarkus.otel.bsp.schedule.delay",
        "0.1s");
  }

  @Override
  public void stop() {
    server.stop(0);
  }
}
