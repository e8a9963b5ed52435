package io.healthscore.signal;

import com.fasterxml.jackson.databind.util.RawValue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SignalsAccepted", description = "What was stored, and the account's new score.")
public record SignalsAccepted(
    @Schema(example = "acme-001") String accountId,
    @Schema(description = "Signals stored.", example = "3") int accepted,
    @Schema(
            description = "Signals ignored because their eventId was already stored.",
            example = "0")
        int duplicates,
    @Schema(ref = "Health", description = "The account's new score.") RawValue health) {}
