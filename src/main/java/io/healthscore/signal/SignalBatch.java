package io.healthscore.signal;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SignalBatch", description = "Up to 1,000 signals across many accounts.")
public record SignalBatch(
    // Items are read one by one, so that one unreadable item is reported by its index instead
    // of failing the whole batch.
    @Schema(
            required = true,
            maxItems = 1000,
            type = SchemaType.ARRAY,
            implementation = BatchSignalInput.class)
        @NotNull
        @Size(min = 1, max = SignalBatch.MAX_SIGNALS, message = "must contain 1 to 1000 signals")
        List<JsonNode> signals) {
  public static final int MAX_SIGNALS = 1000;
}
