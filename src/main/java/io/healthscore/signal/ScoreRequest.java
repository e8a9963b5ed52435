package io.healthscore.signal;

import io.healthscore.health.ScorecardDefinition;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ScoreRequest", description = "Signals to score without storing anything.")
public record ScoreRequest(
    @Schema(required = true, maxItems = 1000)
        @NotNull
        @Size(max = 1000, message = "must contain at most 1000 signals")
        List<SignalInput> signals,
    @Schema(description = "Scorecard to use instead of the default one.")
        ScorecardDefinition scorecard,
    @Schema(
            description =
                "The moment to score at (default now); windows and staleness count "
                    + "back from it.",
            example = "2026-11-23T10:15:30Z")
        OffsetDateTime at) {}
