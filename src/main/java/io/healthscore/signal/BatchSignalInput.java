package io.healthscore.signal;

import com.fasterxml.jackson.databind.JsonNode;
import io.healthscore.common.Ids;
import io.healthscore.health.SignalKeys;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "BatchSignalInput",
    description = "One observation about one account; unknown " + "accounts are created.")
public record BatchSignalInput(
    @Schema(example = "acme-001", required = true, pattern = Ids.ACCOUNT_ID) String accountId,
    @Schema(example = "active_users_ratio", required = true, pattern = SignalKeys.KEY_PATTERN)
        String key,
    @Schema(example = "0.62", required = true) JsonNode value,
    @Schema(example = "2026-11-20T09:30:00Z") OffsetDateTime observedAt,
    @Schema(example = "product-analytics", maxLength = SignalValidator.MAX_SOURCE) String source,
    @Schema(
            example = "usage-2026-11-20-acme-001",
            minLength = 1,
            maxLength = SignalValidator.MAX_EVENT_ID)
        String eventId) {

  public SignalInput signal() {
    return new SignalInput(key, value, observedAt, source, eventId);
  }
}
