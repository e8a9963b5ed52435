package io.healthscore.signal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "BatchSignalInput", description = "One observation about one account; unknown "
    + "accounts are created.")
public record BatchSignalInput(
    @Schema(example = "acme-001", required = true) String accountId,
    @Schema(example = "active_users_ratio", required = true) String key,
    @Schema(example = "0.62", required = true) JsonNode value,
    @Schema(example = "2026-11-20T09:30:00Z") OffsetDateTime observedAt,
    @Schema(example = "product-analytics") String source,
    @Schema(example = "usage-2026-11-20-acme-001") String eventId) {

  SignalInput signal() {
    return new SignalInput(key, value, observedAt, source, eventId);
  }
}
