package io.healthscore.signal;

import com.fasterxml.jackson.databind.JsonNode;
import io.healthscore.health.SignalKeys;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SignalInput", description = "One observation about an account.")
public record SignalInput(
    @Schema(
            description = "Signal key: a standard key (see GET /v1/signal-keys).",
            example = "nps_response",
            required = true,
            pattern = SignalKeys.KEY_PATTERN)
        String key,
    @Schema(
            description = "Number, label or boolean, as the key's type requires.",
            example = "9",
            required = true)
        JsonNode value,
    @Schema(
            description =
                "When it was observed (ISO-8601 with offset); defaults to now. Late and"
                    + " out-of-order observations are normal; more than 5 minutes in the future is "
                    + "rejected.",
            example = "2026-11-20T09:30:00Z")
        OffsetDateTime observedAt,
    @Schema(
            description = "Where it came from.",
            example = "survey-tool",
            maxLength = SignalValidator.MAX_SOURCE)
        String source,
    @Schema(
            description =
                "Caller's id for the observation: a repeated eventId "
                    + "for the same account is ignored, never double-counted.",
            example = "nps-2026-11-20-0042",
            minLength = 1,
            maxLength = SignalValidator.MAX_EVENT_ID)
        String eventId) {}
