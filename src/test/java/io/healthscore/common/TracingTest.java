package io.healthscore.common;

import static io.healthscore.support.Api.await;
import static io.healthscore.support.Api.json;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Tracing switched on by configuration: spans reach an OTLP collector (here a stand-in that takes
 * OTLP/HTTP), and the log lines written during a request carry its trace id.
 */
@QuarkusTest
@TestProfile(TracingTest.Traced.class)
class TracingTest {

  static final Path LOG = Path.of("target", "tracing-test.log");
  static final List<byte[]> EXPORTS = new CopyOnWriteArrayList<>();
  static final HttpServer COLLECTOR = collector();

  static HttpServer collector() {
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

  public static class Traced implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.otel.sdk.disabled",
          "false",
          "quarkus.otel.exporter.otlp.traces.endpoint",
          "http://127.0.0.1:" + COLLECTOR.getAddress().getPort(),
          "quarkus.otel.exporter.otlp.traces.protocol",
          "http/protobuf",
          "quarkus.otel.bsp.schedule.delay",
          "0.1s",
          "quarkus.log.file.enabled",
          "true",
          "quarkus.log.file.path",
          LOG.toString(),
          "quarkus.log.file.json.enabled",
          "false",
          // The production console format, written to a file the test can read.
          "quarkus.log.file.format",
          "${quarkus.log.console.format}");
    }
  }

  @Test
  void spans_reach_the_collector_and_log_lines_carry_the_trace_id() throws Exception {
    // Creating a key writes an audit line inside the request.
    String id =
        json()
            .body("{\"name\": \"traced\", \"scopes\": [\"health:read\"]}")
            .post("/v1/api-keys")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String audit =
        Files.readAllLines(LOG).stream()
            .filter(l -> l.contains(id))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no audit line for " + id));
    Matcher traceId = Pattern.compile("traceId=([0-9a-f]{32})").matcher(audit);
    assertTrue(traceId.find(), "no trace id in: " + audit);
    byte[] wanted = HexFormat.of().parseHex(traceId.group(1));
    await(
        "the request's span exported",
        15,
        () ->
            EXPORTS.stream()
                .anyMatch(
                    body -> contains(body, wanted) && contains(body, "/v1/api-keys".getBytes())));
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
