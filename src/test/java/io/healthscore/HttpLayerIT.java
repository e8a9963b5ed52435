package io.healthscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthscore.support.ServiceProcess;
import io.healthscore.support.SharedService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP layer of the packaged service, below any route: connections that never finish their
 * headers or their body are closed after the idle timeout (2 s here, 60 s by default), and what the
 * HTTP codec refuses before the application sees a request (undecodable URLs, oversized headers and
 * request lines) is refused with its status. Runs after packaging (failsafe).
 */
class HttpLayerIT {

  static final String ADMIN_KEY = SharedService.ADMIN_KEY;
  static final long IDLE_TIMEOUT_MS = SharedService.IDLE_TIMEOUT_MS;

  static ServiceProcess service;
  static int port;

  @BeforeAll
  static void start() throws Exception {
    service = SharedService.get();
    port = URI.create(service.baseUrl()).getPort();
  }

  @Test
  void connections_that_never_finish_headers_or_body_are_closed_after_the_idle_timeout()
      throws Exception {
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        Socket headers = open();
        send(headers, "GET /v1/health HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bear");
        held.add(headers);
        Socket body = open();
        send(
            body,
            "POST /v1/score HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + ADMIN_KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"sig");
        held.add(body);
      }
      long started = System.nanoTime();
      for (Socket socket : held) {
        assertEquals(-1, readToEnd(socket).end(), "the server closed the connection");
      }
      long elapsedMs = (System.nanoTime() - started) / 1_000_000;
      assertTrue(
          elapsedMs < 3 * IDLE_TIMEOUT_MS,
          "all 100 closed " + elapsedMs + " ms after the last byte (idle timeout 2 s)");
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
  }

  @Test
  void what_the_http_codec_refuses_is_refused_with_its_status() throws Exception {
    assertEquals(431, status("GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(65_536)));
    assertEquals(414, status("GET /v1/health?x=" + "a".repeat(5_000) + " HTTP/1.1\r\nHost: x"));
    assertEquals(400, status("GET /v1/health?cursor=%%% HTTP/1.1\r\nHost: x"));
    assertEquals(400, status("GET /v1/accounts/%zz/health HTTP/1.1\r\nHost: x"));
  }

  private static int status(String requestHead) throws IOException {
    try (Socket socket = open()) {
      send(socket, requestHead + "\r\nAuthorization: Bearer " + ADMIN_KEY + "\r\n\r\n");
      Reply reply = readToEnd(socket);
      String head = reply.text();
      assertTrue(head.startsWith("HTTP/1."), head);
      return Integer.parseInt(head.substring(9, 12));
    }
  }

  private static Socket open() throws IOException {
    Socket socket = new Socket("localhost", port);
    socket.setSoTimeout((int) (5 * IDLE_TIMEOUT_MS));
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  record Reply(String text, int end) {}

  /** Reads until the server closes (-1); a read timeout fails the test. */
  private static Reply readToEnd(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    StringBuilder text = new StringBuilder();
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
      if (text.indexOf("\r\n\r\n") >= 0 && text.indexOf("content-length: 0") >= 0) {
        // A refusal with no body; the connection may stay open for the next request.
        return new Reply(text.toString(), 0);
      }
    }
    return new Reply(text.toString(), n);
  }
}
