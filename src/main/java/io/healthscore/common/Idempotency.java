package io.healthscore.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Idempotency-Key on writes (operations marked {@code @Extension(name = "x-idempotent")}): the
 * first request with a key claims it; its reply (status, headers, body) is kept for the retention
 * period and sent again, without a second write, to every retry with the same payload. A retry with
 * another payload gets 422; one that arrives while the first still runs gets 409. A reply of 5xx is
 * not kept: the write did not happen, so a retry runs again.
 */
@jakarta.enterprise.context.ApplicationScoped
public class Idempotency {

  public static final String HEADER = "Idempotency-Key";
  public static final String MARKER = "x-idempotent";
  private static final Logger LOG = Logger.getLogger(Idempotency.class);
  private static final String CLAIMED = Idempotency.class.getName();
  private static final List<String> KEPT_HEADERS =
      List.of(HttpHeaders.LOCATION, HttpHeaders.ETAG, "Link");

  // A claim is taken when the key is new, expired, or held by a request that died (its lock
  // ran out) with the same payload.
  private static final String CLAIM =
      """
      insert into idempotency_key (tenant_id, idempotency_key, fingerprint, state, locked_until,
                                   expires_at)
      values (?, ?, ?, 'running', now() + ? * interval '1 millisecond',
              now() + ? * interval '1 millisecond')
      on conflict (tenant_id, idempotency_key) do update set
        fingerprint = excluded.fingerprint, state = 'running',
        locked_until = excluded.locked_until, expires_at = excluded.expires_at,
        created_at = now(), response_status = null, response_headers = null,
        response_body = null
      where idempotency_key.expires_at < now()
         or (idempotency_key.state = 'running' and idempotency_key.locked_until < now()
             and idempotency_key.fingerprint = excluded.fingerprint)
      returning locked_until
      """;
  private static final String EXISTING =
      """
      select fingerprint, state, response_status, response_headers::text, response_body
      from idempotency_key where tenant_id = ? and idempotency_key = ?
      """;
  private static final String COMPLETE =
      """
      update idempotency_key set state = 'done', locked_until = null, response_status = ?,
        response_headers = ?::jsonb, response_body = ?
      where tenant_id = ? and idempotency_key = ? and state = 'running' and locked_until = ?
      """;
  private static final String RELEASE =
      """
      delete from idempotency_key
      where tenant_id = ? and idempotency_key = ? and state = 'running' and locked_until = ?
      """;

  /** A claim held by a request; its lock's end identifies it against a later takeover. */
  private record Claim(String tenantId, String key, OffsetDateTime lockedUntil) {}

  /** A request's outcome that could not be recorded yet (database unavailable). */
  private record Outcome(Claim claim, int status, String headers, byte[] body) {}

  // Outcomes are recorded as soon as the database is back, so that a retry gets its reply (or,
  // after a 5xx, runs again) at once instead of 409 until the claim's lock runs out.
  private final Queue<Outcome> unrecorded = new ConcurrentLinkedQueue<>();

  private final Transactions transactions;
  private final ObjectMapper json;
  private final Duration retention;
  private final Duration lock;

  public Idempotency(Transactions transactions, ObjectMapper json, IdempotencyConfig config) {
    this.transactions = transactions;
    this.json = json;
    this.retention = config.retention();
    this.lock = config.lock();
  }

  static boolean appliesTo(Method method) {
    if (method == null) {
      return false;
    }
    for (Extension extension : method.getAnnotationsByType(Extension.class)) {
      if (MARKER.equals(extension.name())) {
        return true;
      }
    }
    return false;
  }

  /** Refuses a key that is not 1-255 visible ASCII characters, naming the header. */
  public static void checkKey(String key) {
    if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c > 32 && c < 127)) {
      throw ApiProblem.invalid(HEADER, "must be 1-255 visible ASCII characters");
    }
  }

  @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 100, readBody = true)
  public Response claim(ContainerRequestContext request, ResourceInfo resource)
      throws SQLException, IOException {
    String key = request.getHeaderString(HEADER);
    if (key == null || !appliesTo(resource.getResourceMethod())) {
      return null;
    }
    checkKey(key);
    byte[] body = request.hasEntity() ? request.getEntityStream().readAllBytes() : new byte[0];
    request.setEntityStream(new ByteArrayInputStream(body));
    byte[] fingerprint = fingerprint(request, body);
    String tenantId = RequestTenant.current();
    OffsetDateTime[] claimed = new OffsetDateTime[1];
    Response replay =
        transactions.inTenant(
            tenantId,
            c -> {
              try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
                ps.setString(1, tenantId);
                ps.setString(2, key);
                ps.setBytes(3, fingerprint);
                ps.setLong(4, lock.toMillis());
                ps.setLong(5, retention.toMillis());
                try (ResultSet rs = ps.executeQuery()) {
                  if (rs.next()) {
                    claimed[0] = rs.getObject(1, OffsetDateTime.class);
                    return null;
                  }
                }
              }
              try (PreparedStatement ps = c.prepareStatement(EXISTING)) {
                ps.setString(1, tenantId);
                ps.setString(2, key);
                try (ResultSet rs = ps.executeQuery()) {
                  rs.next();
                  if (!MessageDigest.isEqual(fingerprint, rs.getBytes(1))) {
                    throw ApiProblem.unprocessable(
                        HEADER,
                        "This Idempotency-Key was used for a "
                            + "different request; use a new key for a new request.");
                  }
                  if ("running".equals(rs.getString(2))) {
                    throw ApiProblem.conflict(
                            "A request with this Idempotency-Key is still being "
                                + "processed; retry shortly to get its reply.")
                        .withHeaders(Map.of("Retry-After", "1"));
                  }
                  return replay(rs.getInt(3), rs.getString(4), rs.getBytes(5));
                }
              }
            });
    if (replay == null) {
      request.setProperty(CLAIMED, new Claim(tenantId, key, claimed[0]));
    }
    return replay;
  }

  @ServerResponseFilter
  public void complete(ContainerRequestContext request, ContainerResponseContext response) {
    if (!(request.getProperty(CLAIMED) instanceof Claim claim)) {
      return;
    }
    request.removeProperty(CLAIMED);
    Outcome outcome;
    try {
      outcome =
          new Outcome(
              claim,
              response.getStatus(),
              json.writeValueAsString(keptHeaders(response)),
              body(response.getEntity()));
    } catch (IOException e) {
      LOG.warnf("reply to an idempotent request not kept: %s", e.toString());
      return;
    }
    try {
      record(outcome);
    } catch (SQLException e) {
      LOG.warnf("reply to an idempotent request kept once the database is back: %s", e.toString());
      unrecorded.add(outcome);
    }
  }

  /** Keeps the reply, or frees the key after a 5xx so that a retry runs the request again. */
  private void record(Outcome outcome) throws SQLException {
    Claim claim = outcome.claim();
    transactions.inTenant(
        claim.tenantId(),
        c -> {
          boolean failed = outcome.status() >= 500;
          try (PreparedStatement ps = c.prepareStatement(failed ? RELEASE : COMPLETE)) {
            int p = 1;
            if (!failed) {
              ps.setInt(p++, outcome.status());
              ps.setString(p++, outcome.headers());
              ps.setBytes(p++, outcome.body());
            }
            ps.setString(p++, claim.tenantId());
            ps.setString(p++, claim.key());
            ps.setObject(p, claim.lockedUntil());
            return ps.executeUpdate();
          }
        });
  }

  @Scheduled(
      every = "1s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void recordUnrecorded() {
    for (Outcome outcome = unrecorded.peek(); outcome != null; outcome = unrecorded.peek()) {
      if (outcome.claim().lockedUntil().toInstant().isBefore(java.time.Instant.now())) {
        unrecorded.poll(); // past its lock a retry takes the key over anyway
        continue;
      }
      try {
        record(outcome);
        unrecorded.poll();
      } catch (SQLException e) {
        return; // still unavailable
      }
    }
  }

  @Scheduled(
      every = "${healthscore.idempotency.purge-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void purgeExpired() {
    try {
      transactions.withoutTenant(
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement("select healthscore_purge_idempotency_keys()")) {
              return ps.execute();
            }
          });
    } catch (SQLException e) {
      LOG.warnf("idempotency key purge paused: %s", e.getMessage());
    }
  }

  private Map<String, String> keptHeaders(ContainerResponseContext response) {
    Map<String, String> kept = new LinkedHashMap<>();
    MediaType type = response.getMediaType();
    kept.put(
        HttpHeaders.CONTENT_TYPE,
        type != null
            ? type.toString()
            : response.getEntity() instanceof Problem
                ? Problem.MEDIA_TYPE
                : MediaType.APPLICATION_JSON);
    for (String name : KEPT_HEADERS) {
      String value = response.getHeaderString(name);
      if (value != null) {
        kept.put(name, value);
      }
    }
    return kept;
  }

  private byte[] body(Object entity) throws IOException {
    if (entity == null) {
      return new byte[0];
    }
    if (entity instanceof String text) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    if (entity instanceof byte[] bytes) {
      return bytes;
    }
    return json.writeValueAsBytes(entity);
  }

  private Response replay(int status, String headers, byte[] body) {
    Response.ResponseBuilder reply = Response.status(status).header("Idempotent-Replayed", "true");
    try {
      Map<?, ?> stored = json.readValue(headers, Map.class);
      stored.forEach((name, value) -> reply.header((String) name, value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return body.length == 0 ? reply.build() : reply.entity(body).build();
  }

  private static byte[] fingerprint(ContainerRequestContext request, byte[] body) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(
          (request.getMethod()
                  + ' '
                  + request.getUriInfo().getRequestUri().getRawPath()
                  + '?'
                  + request.getUriInfo().getRequestUri().getRawQuery()
                  + '\n')
              .getBytes(StandardCharsets.UTF_8));
      return digest.digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
