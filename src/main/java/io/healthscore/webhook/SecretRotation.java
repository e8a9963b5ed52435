package io.healthscore.webhook;

import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** POST /v1/webhooks/{id}/rotate-secret. */
public record SecretRotation(
    @Schema(
            description =
                "How long the previous secret still signs deliveries (beside the new one), so"
                    + " receivers can switch without missing an event. 0 to PT72H; default PT24H.",
            example = "PT24H")
        Duration gracePeriod) {}
