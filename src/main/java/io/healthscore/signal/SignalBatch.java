package io.healthscore.signal;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SignalBatch", description = "Up to 1,000 signals across many accounts.")
public record SignalBatch(
    @Schema(required = true, maxItems = 1000) @NotNull
        @Size(min = 1, max = SignalBatch.MAX_SIGNALS, message = "must contain 1 to 1000 signals")
        List<BatchSignalInput> signals) {
  public static final int MAX_SIGNALS = 1000;
}
