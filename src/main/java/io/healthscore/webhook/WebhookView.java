package io.healthscore.webhook;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Webhook")
public record WebhookView(
    @Schema(example = "wh_4kq9z2m7x3pd") String id,
    @Schema(example = "https://hooks.example.com/healthscore") String url,
    @Schema(example = "[\"health.band_changed\"]") List<String> eventTypes,
    @Schema(example = "10") Double scoreDropThreshold,
    List<String> segments,
    List<String> scorecards,
    String description,
    Instant createdAt,
    Instant updatedAt,
    @Schema(
            description =
                "The signing secret: only in the replies that create the webhook or "
                    + "rotate its secret.",
            example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        String secret,
    @Schema(
            description =
                "Until then, deliveries carry a second signature made with the "
                    + "previous secret.")
        Instant previousSecretExpiresAt) {}
