package io.healthscore.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver as a customer would write one: it checks the Standard Webhooks signature and
 * timestamp, and de-duplicates by webhook-id. It can be told to fail, and be stopped and started
 * again on the same port.
 */
public final class WebhookReceiver implements AutoCloseable {

  /** A message as received: its id, body, and the signatures it carried. */
  public record Received(String id, String body, List<String> signatures) {}

  private final int port;
  private final Map<String, Received> unique = new ConcurrentHashMap<>();
  private final List<Received> all = new CopyOnWriteArrayList<>();
  private final List<String> badSignatures = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile int failStatus = 500;
  private volatile long answerAfterMillis;
  private volatile List<String> secrets = List.of();
  private HttpServer server;

  public WebhookReceiver() throws IOException {
    start(0);
    this.port = server.getAddress().getPort();
  }

  private WebhookReceiver start(int onPort) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
    server.createContext("/hook", this::handle);
    server.start();
    return this;
  }

  public String url() {
    return "http://127.0.0.1:" + port + "/hook";
  }

  /** Secrets whose signature is accepted (every signature present must come from one). */
  public void trust(String... secrets) {
    this.secrets = List.of(secrets);
  }

  /** The next {@code count} requests are answered with {@code status}. */
  public void failNext(int count, int status) {
    this.failStatus = status;
    failuresLeft.set(count);
  }

  /** Every request is answered only after this long (to measure what the sender measures). */
  public void answerAfter(long millis) {
    this.answerAfterMillis = millis;
  }

  public void stop() {
    server.stop(0);
  }

  public void restart() throws IOException {
    start(port);
  }

  /** Messages by webhook-id: what a de-duplicating receiver processed. */
  public Map<String, Received> unique() {
    return unique;
  }

  /** Every request that reached the receiver, retries and duplicates included. */
  public List<Received> all() {
    return new ArrayList<>(all);
  }

  /** Requests whose signature or timestamp did not check out. */
  public List<String> badSignatures() {
    return badSignatures;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String id = exchange.getRequestHeaders().getFirst("webhook-id");
    String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
    String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    List<String> signatures = signature == null ? List.of() : List.of(signature.split(" "));
    Received received = new Received(id, body, signatures);
    all.add(received);
    int status;
    if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      status = failStatus;
    } else if (!verified(id, timestamp, body, signatures)) {
      badSignatures.add(id);
      status = 400;
    } else {
      unique.putIfAbsent(id, received);
      status = 204;
    }
    if (answerAfterMillis > 0) {
      try {
        Thread.sleep(answerAfterMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  private boolean verified(String id, String timestamp, String body, List<String> signatures) {
    if (id == null || timestamp == null || signatures.isEmpty()) {
      return false;
    }
    long age = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp));
    if (age > 300) {
      return false;
    }
    for (String given : signatures) {
      if (secrets.stream().noneMatch(s -> given.equals("v1," + hmac(s, id, timestamp, body)))) {
        return false;
      }
    }
    return true;
  }

  /** The receiver side of the spec: base64(HMAC-SHA256(secret bytes, id.timestamp.body)). */
  public static String hmac(String secret, String id, String timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(
              Base64.getDecoder().decode(secret.replaceFirst("^whsec_", "")), "HmacSHA256"));
      return Base64.getEncoder()
          .encodeToString(
              mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    stop();
  }
}
