package io.healthscore.support;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The service as an operator observes it: JSON logs written to a file the tests read (DEBUG for the
 * service's own categories), and tracing on, exporting spans to a stand-in OTLP/HTTP collector. One
 * profile for every such test, so the suite starts the service once for them.
 */
public class Observed implements QuarkusTestProfile {

  public static final Path LOG = Path.of("target", "observed-test.json");

  /** The bodies of the OTLP exports the collector received. */
  public static final List<byte[]> EXPORTS = new CopyOnWriteArrayList<>();

  private static final HttpServer COLLECTOR = collector();

  private static HttpServer collector() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
      server.createContext(
          "/v1/traces",
          exchange -> {
            EXPORTS.add(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "quarkus.log.file.enabled",
        "true",
        "quarkus.log.file.path",
        LOG.toString(),
        "quarkus.log.file.json.enabled",
        "true",
        "quarkus.log.category.\"io.healthscore\".level",
        "DEBUG",
        "quarkus.otel.sdk.disabled",
        "false",
        "quarkus.otel.exporter.otlp.traces.endpoint",
        "http://127.0.0.1:" + COLLECTOR.getAddress().getPort(),
        "quarkus.otel.exporter.otlp.traces.protocol",
        "http/protobuf",
        "quarkus.otel.bsp.schedule.delay",
        "0.1s");
  }
}
