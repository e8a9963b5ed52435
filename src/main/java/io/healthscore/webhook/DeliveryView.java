package io.healthscore.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One event for one subscription, with every attempt to deliver it. */
@Schema(name = "WebhookDelivery")
public record DeliveryView(
    @Schema(example = "1042") long id,
    @Schema(example = "wh_4kq9z2m7x3pd") String webhookId,
    @Schema(
            description =
                "The webhook-id header: the same on every attempt, so receivers "
                    + "de-duplicate by it.",
            example = "msg_2b7f0c1e9a4d4f6e8b3a5c7d9e1f2a3b")
        String messageId,
    @Schema(example = "health.band_changed") String eventType,
    @Schema(example = "acme-001") String accountId,
    @Schema(
            description =
                "The score's sequence number in the account's history for its "
                    + "scorecard: increasing per account, so receivers can order events.",
            example = "7")
        Long sequence,
    @Schema(
            enumeration = {"pending", "delivered", "failed"},
            example = "pending")
        String status,
    @Schema(example = "2") int attempts,
    @Schema(description = "When the next attempt is due (pending only).") Instant nextAttemptAt,
    @Schema(description = "HTTP status of the last attempt.", example = "503") Integer lastStatus,
    @Schema(example = "HTTP 503") String lastError,
    Instant createdAt,
    Instant finishedAt,
    @Schema(
            description = "The body sent (Standard Webhooks: type, timestamp, data).",
            implementation = Event.class)
        JsonNode payload,
    @Schema(description = "Attempts, oldest first (only when reading one delivery).")
        List<Attempt> attemptLog) {

  /** The shape of a sent body, for the document (the stored JSON is passed through as is). */
  @Schema(name = "WebhookEvent")
  public record Event(
      @Schema(example = "health.band_changed") String type,
      Instant timestamp,
      @Schema(
              description =
                  "accountId, scorecardId, scorecardVersion, segment, sequence, score, band,"
                      + " previousScore, previousBand, delta and trigger (a test event: a message)")
          Map<String, Object> data) {}

  @Schema(name = "WebhookAttempt")
  public record Attempt(
      int number,
      Instant startedAt,
      @Schema(description = "Absent when no HTTP reply came (timeout, refused).") Integer status,
      long latencyMs,
      String error) {}
}
