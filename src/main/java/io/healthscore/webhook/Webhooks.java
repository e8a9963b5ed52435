package io.healthscore.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthscore.common.ApiProblem;
import io.healthscore.common.Cursor;
import io.healthscore.common.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Webhook subscriptions and their delivery log, one tenant at a time. */
@ApplicationScoped
public class Webhooks {

  static final Set<String> STATUSES = Set.of("pending", "delivered", "failed");
  private static final String SUBSCRIPTION_COLUMNS =
      """
      subscription_id, url, event_types, score_drop_threshold, segments, scorecard_ids,
      description, created_at, updated_at, previous_secret_expires_at
      """;
  private static final String DELIVERY_COLUMNS =
      """
      delivery_id, subscription_id, message_id, event_type, account_id, sequence, status,
      attempts, next_attempt_at, last_status, last_error, created_at, finished_at, payload::text
      """;

  private final Transactions transactions;
  private final UrlGuard guard;
  private final ObjectMapper json;

  public Webhooks(Transactions transactions, UrlGuard guard, ObjectMapper json) {
    this.transactions = transactions;
    this.guard = guard;
    this.json = json;
  }

  public WebhookView create(String tenantId, WebhookInput input) throws SQLException {
    check(input);
    String id = "wh_" + io.healthscore.common.Ids.random(12);
    String secret = Signatures.newSecret();
    return transactions.inTenant(
        tenantId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  """
                  insert into webhook_subscription (tenant_id, subscription_id, url, event_types,
                    score_drop_threshold, segments, scorecard_ids, description, secret)
                  values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                  returning\s\
                  """
                      + SUBSCRIPTION_COLUMNS)) {
            ps.setString(1, tenantId);
            ps.setString(2, id);
            bindInput(c, ps, 3, input);
            ps.setString(9, secret);
            return one(ps, secret);
          }
        });
  }

  public WebhookView update(String tenantId, String id, WebhookInput input) throws SQLException {
    check(input);
    return transactions.inTenant(
        tenantId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  """
                  update webhook_subscription set url = ?, event_types = ?, score_drop_threshold = ?,
                    segments = ?, scorecard_ids = ?, description = ?, updated_at = now()
                  where tenant_id = ? and subscription_id = ? and deleted_at is null
                  returning\s\
                  """
                      + SUBSCRIPTION_COLUMNS)) {
            bindInput(c, ps, 1, input);
            ps.setString(7, tenantId);
            ps.setString(8, id);
            return one(ps, null);
          }
        });
  }

  public List<WebhookView> list(String tenantId) throws SQLException {
    return transactions.inTenant(
        tenantId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "select "
                      + SUBSCRIPTION_COLUMNS
                      + " from webhook_subscription where tenant_id = ? and deleted_at is null"
                      + " order by created_at, subscription_id")) {
            ps.setString(1, tenantId);
            List<WebhookView> views = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                views.add(subscription(rs, null));
              }
            }
            return views;
          }
        });
  }

  public WebhookView find(String tenantId, String id) throws SQLException {
    return transactions.inTenant(
        tenantId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "select "
                      + SUBSCRIPTION_COLUMNS
                      + " from webhook_subscription"
                      + " where tenant_id = ? and subscription_id = ? and deleted_at is null")) {
            ps.setString(1, tenantId);
            ps.setString(2, id);
            return one(ps, null);
          }
        });
  }

  /** Ends the subscription; its pending deliveries fail, its log stays readable. */
  public void delete(String tenantId, String id) throws SQLException {
    transactions.inTenant(
        tenantId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  """
                  update webhook_subscription set deleted_at = now()
                  where tenant_id = ? and subscription_id = ? and deleted_at is null\
                  """)) {
            ps.setString(1, tenantId);
            ps.setString(2, id);
            if (ps.executeUpdate() == 0) {
              throw notFound(id);
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  """
                  update webhook_delivery set status = 'failed', finished_at = now(),
                    last_error = 'webhook deleted'
                  where tenant_id = ? and subscription_id = ? and status = 'pending'\
                  """)) {
            ps.setString(1, tenantId);
            ps.setString(2, id);
            return ps.executeUpdate();
          }
        });
  }

  /** A new secret; the previous one keeps signing (as a second signature) for the grace period. */
  public WebhookView rotate(String tenantId, String id, Duration grace) throws SQLException {
    Duration period = grace == null ? Duration.ofHours(24) : grace;
    if (period.isNegative() || period.compareTo(Duration.ofHours(72)) > 0) {
      throw ApiProblem.invalid("gracePeriod", "must be between PT0S and PT72H");
    }
    String secret = Signatures.newSecret();
    return transactions.inTenant(
        tenantId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  """
                  update webhook_subscription set previous_secret = secret, secret = ?,
                    previous_secret_expires_at = now() + ? * interval '1 millisecond', updated_at = now()
                  where tenant_id = ? and subscription_id = ? and deleted_at is null
                  returning\s\
                  """
                      + SUBSCRIPTION_COLUMNS)) {
            ps.setString(1, secret);
            ps.setLong(2, period.toMillis());
            ps.setString(3, tenantId);
            ps.setString(4, id);
            return one(ps, secret);
          }
        });
  }

  /** Queues a webhook.test event for the subscription. */
  public DeliveryView sendTest(String tenantId, String id) throws SQLException {
    return transactions.inTenant(
        tenantId,
        c -> {
          requireSubscription(c, tenantId, id, false);
          try (PreparedStatement ps =
              c.prepareStatement(
                  """
                  insert into webhook_delivery (tenant_id, subscription_id, message_id, event_type,
                                                payload)
                  select ?, ?, 'msg_' || replace(gen_random_uuid()::text, '-', ''), 'webhook.test',
                         jsonb_build_object('type', 'webhook.test', 'timestamp', now(),
                           'data', jsonb_build_object('webhookId', ?::text,
                             'message', 'A test event from healthscore.'))
                  returning\s\
                  """
                      + DELIVERY_COLUMNS)) {
            ps.setString(1, tenantId);
            ps.setString(2, id);
            ps.setString(3, id);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return delivery(rs, null);
            }
          }
        });
  }

  /** The subscription's deliveries, newest first, optionally of one status. */
  public DeliveryPage deliveries(
      String tenantId, String id, String status, int limit, String cursor) throws SQLException {
    if (status != null && !STATUSES.contains(status)) {
      throw ApiProblem.invalid("status", "must be pending, delivered or failed");
    }
    Long before = cursor == null ? null : parseCursor(cursor);
    return transactions.inTenant(
        tenantId,
        c -> {
          requireSubscription(c, tenantId, id, true);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "select "
                      + DELIVERY_COLUMNS
                      + " from webhook_delivery where tenant_id = ? and subscription_id = ? and"
                      + " (?::text is null or status = ?) and (?::bigint is null or delivery_id <"
                      + " ?) order by delivery_id desc limit ?")) {
            ps.setString(1, tenantId);
            ps.setString(2, id);
            ps.setString(3, status);
            ps.setString(4, status);
            ps.setObject(5, before, java.sql.Types.BIGINT);
            ps.setObject(6, before, java.sql.Types.BIGINT);
            ps.setInt(7, limit + 1);
            List<DeliveryView> items = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                items.add(delivery(rs, null));
              }
            }
            boolean more = items.size() > limit;
            List<DeliveryView> page = more ? items.subList(0, limit) : items;
            return new DeliveryPage(
                List.copyOf(page),
                more ? Cursor.encode(Long.toString(page.get(page.size() - 1).id())) : null);
          }
        });
  }

  public DeliveryView delivery(String tenantId, String id, long deliveryId) throws SQLException {
    return transactions.inTenant(tenantId, c -> readDelivery(c, tenantId, id, deliveryId));
  }

  /** Sends the event again, now, with the same webhook-id (receivers de-duplicate by it). */
  public DeliveryView redeliver(String tenantId, String id, long deliveryId) throws SQLException {
    return transactions.inTenant(
        tenantId,
        c -> {
          requireSubscription(c, tenantId, id, false);
          try (PreparedStatement ps =
              c.prepareStatement(
                  """
                  update webhook_delivery set status = 'pending', next_attempt_at = now(),
                    finished_at = null, leased_by = null, lease_until = null
                  where tenant_id = ? and subscription_id = ? and delivery_id = ?\
                  """)) {
            ps.setString(1, tenantId);
            ps.setString(2, id);
            ps.setLong(3, deliveryId);
            if (ps.executeUpdate() == 0) {
              throw ApiProblem.notFound("No delivery " + deliveryId + " for webhook " + id);
            }
          }
          return readDelivery(c, tenantId, id, deliveryId);
        });
  }

  private DeliveryView readDelivery(Connection c, String tenantId, String id, long deliveryId)
      throws SQLException {
    List<DeliveryView.Attempt> attempts = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            """
            select attempt_no, started_at, status_code, latency_ms, error from webhook_attempt
            where tenant_id = ? and delivery_id = ? order by attempt_no\
            """)) {
      ps.setString(1, tenantId);
      ps.setLong(2, deliveryId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          attempts.add(
              new DeliveryView.Attempt(
                  rs.getInt(1),
                  rs.getTimestamp(2).toInstant(),
                  (Integer) rs.getObject(3),
                  rs.getLong(4),
                  rs.getString(5)));
        }
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "select "
                + DELIVERY_COLUMNS
                + " from webhook_delivery where tenant_id = ? and subscription_id = ?"
                + " and delivery_id = ?")) {
      ps.setString(1, tenantId);
      ps.setString(2, id);
      ps.setLong(3, deliveryId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw ApiProblem.notFound("No delivery " + deliveryId + " for webhook " + id);
        }
        return delivery(rs, attempts);
      }
    }
  }

  /**
   * A 404 problem unless the subscription exists; a deleted one counts only for reading its
   * delivery log.
   */
  private static void requireSubscription(
      Connection c, String tenantId, String id, boolean deletedToo) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            """
            select 1 from webhook_subscription where tenant_id = ? and subscription_id = ?
              and (? or deleted_at is null)\
            """)) {
      ps.setString(1, tenantId);
      ps.setString(2, id);
      ps.setBoolean(3, deletedToo);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw notFound(id);
        }
      }
    }
  }

  private void check(WebhookInput input) {
    guard.check("url", input.url());
    if (input.eventTypes().contains("health.score_dropped") && input.scoreDropThreshold() == null) {
      throw ApiProblem.invalid("scoreDropThreshold", "is required with health.score_dropped");
    }
  }

  private static void bindInput(Connection c, PreparedStatement ps, int first, WebhookInput in)
      throws SQLException {
    ps.setString(first, in.url());
    ps.setArray(first + 1, c.createArrayOf("text", in.eventTypes().stream().distinct().toArray()));
    ps.setObject(
        first + 2,
        in.scoreDropThreshold() == null ? null : BigDecimal.valueOf(in.scoreDropThreshold()),
        java.sql.Types.NUMERIC);
    ps.setArray(
        first + 3, in.segments() == null ? null : c.createArrayOf("text", in.segments().toArray()));
    ps.setArray(
        first + 4,
        in.scorecards() == null ? null : c.createArrayOf("text", in.scorecards().toArray()));
    ps.setString(first + 5, in.description());
  }

  private static WebhookView one(PreparedStatement ps, String secret) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw notFound(null);
      }
      return subscription(rs, secret);
    }
  }

  private static WebhookView subscription(ResultSet rs, String secret) throws SQLException {
    BigDecimal threshold = rs.getBigDecimal(4);
    Timestamp previous = rs.getTimestamp(10);
    return new WebhookView(
        rs.getString(1),
        rs.getString(2),
        strings(rs.getArray(3)),
        threshold == null ? null : threshold.doubleValue(),
        strings(rs.getArray(5)),
        strings(rs.getArray(6)),
        rs.getString(7),
        rs.getTimestamp(8).toInstant(),
        rs.getTimestamp(9).toInstant(),
        secret,
        previous == null ? null : previous.toInstant());
  }

  private DeliveryView delivery(ResultSet rs, List<DeliveryView.Attempt> attempts)
      throws SQLException {
    try {
      return new DeliveryView(
          rs.getLong(1),
          rs.getString(2),
          rs.getString(3),
          rs.getString(4),
          rs.getString(5),
          (Long) rs.getObject(6),
          rs.getString(7),
          rs.getInt(8),
          "pending".equals(rs.getString(7)) ? instant(rs.getTimestamp(9)) : null,
          (Integer) rs.getObject(10),
          rs.getString(11),
          instant(rs.getTimestamp(12)),
          instant(rs.getTimestamp(13)),
          json.readTree(rs.getString(14)),
          attempts);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? null : List.of((String[]) array.getArray());
  }

  private static Long parseCursor(String cursor) {
    try {
      return Long.parseLong(Cursor.decode(cursor, 1).get(0));
    } catch (NumberFormatException e) {
      throw Cursor.invalid();
    }
  }

  static ApiProblem notFound(String id) {
    return ApiProblem.notFound(id == null ? "No such webhook" : "No webhook " + id);
  }
}
