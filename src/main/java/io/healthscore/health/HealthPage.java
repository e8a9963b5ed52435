package io.healthscore.health;

import com.fasterxml.jackson.databind.util.RawValue;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of scores in the API form, written out as rendered (no re-serialisation). */
@Schema(name = "HealthPage", description = "Scores, newest first.")
public record HealthPage(
    @Schema(implementation = HealthView[].class) List<RawValue> items,
    @Schema(
            description = "Opaque cursor for the next page; absent on the last page.",
            example = "MR83")
        String nextCursor) {}
