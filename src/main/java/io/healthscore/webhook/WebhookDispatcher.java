package io.healthscore.webhook;

import io.healthscore.common.ApiProblem;
import io.healthscore.common.DaemonThreads;
import io.healthscore.common.Transactions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Delivers the outbox. Every instance polls; due deliveries of any tenant are leased with FOR
 * UPDATE SKIP LOCKED (so no two workers send one at the same time), POSTed signed, and the attempt
 * is logged. 2xx delivers; 5xx, 408, 429, timeouts and refused connections are retried with
 * exponential backoff and jitter until the event is older than the maximum age, then fail; any
 * other reply fails at once. A worker that dies mid-delivery leaves its lease to expire and another
 * worker sends the event again with the same webhook-id.
 */
@ApplicationScoped
public class WebhookDispatcher {

  private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

  private static final String LEASE = "select * from healthscore_lease_webhook_deliveries(?, ?, ?)";
  private static final String LOAD =
      """
      select d.message_id, d.payload::text, d.attempts, d.created_at, s.url, s.secret,
             case when s.previous_secret_expires_at > now() then s.previous_secret end
      from webhook_delivery d
      join webhook_subscription s
        on s.tenant_id = d.tenant_id and s.subscription_id = d.subscription_id
      where d.tenant_id = ? and d.delivery_id = ? and d.leased_by = ? and d.status = 'pending'
        and s.deleted_at is null
      """;
  private static final String ATTEMPT =
      """
      insert into webhook_attempt (tenant_id, delivery_id, attempt_no, started_at, status_code,
                                   latency_ms, error, worker)
      values (?, ?, (select coalesce(max(attempt_no), 0) + 1 from webhook_attempt
                     where tenant_id = ? and delivery_id = ?), ?, ?, ?, ?, ?)
      """;
  // Only while still pending: a webhook deleted meanwhile has failed its deliveries for good.
  private static final String OUTCOME =
      """
      update webhook_delivery set status = ?, attempts = attempts + 1, last_status = ?,
        last_error = ?, next_attempt_at = coalesce(?, next_attempt_at),
        finished_at = case when ? <> 'pending' then now() end, leased_by = null,
        lease_until = null
      where tenant_id = ? and delivery_id = ? and leased_by = ? and status = 'pending'
      """;

  record Leased(String tenantId, long deliveryId) {}

  record Message(
      String id,
      String body,
      int attempts,
      Instant createdAt,
      String url,
      String secret,
      String previousSecret) {}

  /** What one attempt came to: an HTTP status (or none), and whether to try again. */
  record Attempt(
      Instant startedAt,
      Integer status,
      long latencyMs,
      String error,
      boolean retry,
      Duration retryAfter) {
    boolean delivered() {
      return status != null && status >= 200 && status < 300;
    }
  }

  private final Transactions transactions;
  private final UrlGuard guard;
  private final Duration lease;
  private final int batch;
  private final Duration timeout;
  private final Duration retryBase;
  private final Duration retryMaxDelay;
  private final Duration maxAge;
  private final String worker = "webhooks-" + UUID.randomUUID();
  private final HttpClient client;
  private final ExecutorService senders;
  // One thread for wake-ups; the poll and a wake-up never run at once (the second one returns).
  private final ExecutorService waking = DaemonThreads.pool(1, "webhook-wake");
  private final AtomicBoolean polling = new AtomicBoolean();
  private final Map<String, Counter> outcomes;
  private volatile boolean stopping;

  public WebhookDispatcher(
      Transactions transactions, UrlGuard guard, MeterRegistry registry, WebhookConfig config) {
    this.transactions = transactions;
    this.guard = guard;
    this.lease = config.lease();
    this.batch = config.batchSize();
    this.timeout = config.timeout();
    this.retryBase = config.retryBase();
    this.retryMaxDelay = config.retryMaxDelay();
    this.maxAge = config.maxAge();
    this.senders = DaemonThreads.pool(config.threads(), "webhook-sender");
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.outcomes =
        Map.of(
            "delivered", outcome(registry, "delivered"),
            "retry", outcome(registry, "retry"),
            "failed", outcome(registry, "failed"));
  }

  private static Counter outcome(MeterRegistry registry, String outcome) {
    return Counter.builder("healthscore.webhook.deliveries")
        .description("Webhook delivery attempts by outcome (retry: will be tried again)")
        .tag("outcome", outcome)
        .register(registry);
  }

  void stop(@Observes ShutdownEvent event) {
    stopping = true;
    waking.shutdown();
    senders.shutdown();
  }

  @Scheduled(
      every = "${healthscore.webhooks.poll-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void poll() {
    if (polling.compareAndSet(false, true)) {
      try {
        deliverDue();
      } finally {
        polling.set(false);
      }
    }
  }

  /**
   * Delivers what is due now rather than at the next poll: called after a test event or a
   * redelivery was queued by this instance, whose caller is waiting to see it arrive.
   */
  public void wake() {
    try {
      waking.execute(this::poll);
    } catch (RejectedExecutionException stopped) {
      // Stopping: the deliveries stay pending for the next instance's poll.
    }
  }

  private void deliverDue() {
    try {
      while (!stopping) {
        List<Leased> leased = transactions.withoutTenant(c -> lease(c));
        if (leased.isEmpty()) {
          return;
        }
        List<Future<?>> sending = new ArrayList<>();
        for (Leased delivery : leased) {
          sending.add(senders.submit(() -> deliver(delivery)));
        }
        for (Future<?> sent : sending) {
          sent.get();
        }
      }
    } catch (SQLException | ExecutionException | RuntimeException e) {
      // E.g. the database is unavailable: leases expire and deliveries are picked up again.
      LOG.warnf("webhook delivery paused: %s", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private List<Leased> lease(java.sql.Connection c) throws SQLException {
    List<Leased> leased = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(LEASE)) {
      ps.setString(1, worker);
      ps.setLong(2, lease.toMillis());
      ps.setInt(3, batch);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          leased.add(new Leased(rs.getString(1), rs.getLong(2)));
        }
      }
    }
    return leased;
  }

  /** Sends one leased delivery and records the attempt; nothing when the lease is lost. */
  void deliver(Leased delivery) {
    try {
      Message message = transactions.inTenant(delivery.tenantId(), c -> load(c, delivery));
      if (message == null) {
        return;
      }
      Attempt attempt = send(message);
      record(delivery, message, attempt);
    } catch (SQLException | RuntimeException e) {
      LOG.warnf("webhook delivery %d not recorded: %s", delivery.deliveryId(), e.toString());
    }
  }

  private Message load(java.sql.Connection c, Leased delivery) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(LOAD)) {
      ps.setString(1, delivery.tenantId());
      ps.setLong(2, delivery.deliveryId());
      ps.setString(3, worker);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? new Message(
                rs.getString(1),
                rs.getString(2),
                rs.getInt(3),
                rs.getTimestamp(4).toInstant(),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7))
            : null;
      }
    }
  }

  Attempt send(Message message) {
    Instant started = Instant.now();
    URI uri;
    try {
      uri = guard.check("url", message.url());
    } catch (ApiProblem blocked) {
      return new Attempt(started, null, 0, "not sent: " + blocked.getMessage(), false, null);
    }
    long timestamp = started.getEpochSecond();
    String signature = Signatures.sign(message.secret(), message.id(), timestamp, message.body());
    if (message.previousSecret() != null) {
      signature +=
          " " + Signatures.sign(message.previousSecret(), message.id(), timestamp, message.body());
    }
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("content-type", "application/json")
            .header("user-agent", "healthscore-webhooks/1")
            .header("webhook-id", message.id())
            .header("webhook-timestamp", Long.toString(timestamp))
            .header("webhook-signature", signature)
            .POST(HttpRequest.BodyPublishers.ofString(message.body()))
            .build();
    long start = System.nanoTime();
    try {
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      long latency = (System.nanoTime() - start) / 1_000_000;
      int status = response.statusCode();
      boolean retry = status == 408 || status == 429 || status >= 500;
      Duration retryAfter =
          response
              .headers()
              .firstValue("retry-after")
              .flatMap(WebhookDispatcher::seconds)
              .orElse(null);
      return new Attempt(
          started,
          status,
          latency,
          status >= 200 && status < 300 ? null : "HTTP " + status,
          retry,
          retryAfter);
    } catch (IOException e) {
      long latency = (System.nanoTime() - start) / 1_000_000;
      return new Attempt(
          started,
          null,
          latency,
          e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
          true,
          null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Attempt(started, null, 0, "interrupted", true, null);
    }
  }

  private void record(Leased delivery, Message message, Attempt attempt) throws SQLException {
    Instant next = null;
    String status;
    if (attempt.delivered()) {
      status = "delivered";
    } else if (attempt.retry()) {
      next = Instant.now().plus(backoff(message.attempts() + 1, attempt.retryAfter()));
      status = next.isAfter(message.createdAt().plus(maxAge)) ? "failed" : "pending";
    } else {
      status = "failed";
    }
    outcomes.get(status.equals("pending") ? "retry" : status).increment();
    Instant due = next;
    transactions.inTenant(
        delivery.tenantId(),
        c -> {
          try (PreparedStatement ps = c.prepareStatement(ATTEMPT)) {
            ps.setString(1, delivery.tenantId());
            ps.setLong(2, delivery.deliveryId());
            ps.setString(3, delivery.tenantId());
            ps.setLong(4, delivery.deliveryId());
            ps.setTimestamp(5, Timestamp.from(attempt.startedAt()));
            ps.setObject(6, attempt.status(), java.sql.Types.INTEGER);
            ps.setLong(7, attempt.latencyMs());
            ps.setString(8, attempt.error());
            ps.setString(9, worker);
            ps.executeUpdate();
          }
          try (PreparedStatement ps = c.prepareStatement(OUTCOME)) {
            ps.setString(1, status);
            ps.setObject(2, attempt.status(), java.sql.Types.INTEGER);
            ps.setString(3, attempt.error());
            ps.setTimestamp(4, due == null ? null : Timestamp.from(due));
            ps.setString(5, status);
            ps.setString(6, delivery.tenantId());
            ps.setLong(7, delivery.deliveryId());
            ps.setString(8, worker);
            return ps.executeUpdate();
          }
        });
  }

  /** retry-base x 2^(attempt-1), at most retry-max-delay, with jitter (half to all of it). */
  Duration backoff(int attempt, Duration retryAfter) {
    long base = retryBase.toMillis() << Math.min(attempt - 1, 30);
    long capped = Math.min(Math.max(base, 1), retryMaxDelay.toMillis());
    long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    long wanted = retryAfter == null ? jittered : Math.max(jittered, retryAfter.toMillis());
    return Duration.ofMillis(Math.min(wanted, retryMaxDelay.toMillis()));
  }

  private static java.util.Optional<Duration> seconds(String value) {
    try {
      return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }
}
