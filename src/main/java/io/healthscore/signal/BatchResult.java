package io.healthscore.signal;

import io.healthscore.common.BatchItems;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "BatchResult",
    description =
        "Valid items are applied; invalid ones are reported " + "by index and not applied.")
public record BatchResult(
    @Schema(description = "Signals stored.", example = "998") int accepted,
    @Schema(
            description = "Signals ignored because their eventId was already stored.",
            example = "0")
        int duplicates,
    @Schema(description = "Accounts re-scored.", example = "120") int accountsScored,
    @Schema(description = "Invalid items, by index in the request.")
        List<BatchItems.Rejected> rejected) {}
