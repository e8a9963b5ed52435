package io.healthscore.signal;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SignalsRequest", description = "Signals for one account (at most 1,000).")
public record SignalsRequest(
    @Schema(required = true, maxItems = 1000)
        @NotNull
        @Size(min = 1, max = 1000, message = "must contain 1 to 1000 signals")
        List<SignalInput> signals) {}
