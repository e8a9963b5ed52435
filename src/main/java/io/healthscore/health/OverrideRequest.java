package io.healthscore.health;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A CSM's override of an account's computed score. */
@Schema(
    name = "OverrideRequest",
    description =
        "A score or band (or both) that overrides the "
            + "computed one until it expires. Reason, author and expiry are required.")
public record OverrideRequest(
    @Schema(description = "Overriding score, 0-100 (one decimal).", example = "35") Double score,
    @Schema(
            description =
                "Overriding band; derived from score with the scorecard's bands when " + "absent.",
            enumeration = {"red", "yellow", "green"},
            example = "red")
        String band,
    @Schema(
            example = "Champion left; renewal at risk despite usage",
            required = true,
            maxLength = 1000)
        String reason,
    @Schema(example = "jane.doe@example.com", required = true, maxLength = 200) String author,
    @Schema(
            description = "When the override ends by itself (at most a year ahead).",
            example = "2027-01-31T00:00:00Z",
            required = true)
        OffsetDateTime expiresAt) {}
