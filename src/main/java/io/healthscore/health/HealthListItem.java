package io.healthscore.health;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "HealthListItem", description = "An account's latest score, for portfolio lists.")
public record HealthListItem(
    @Schema(example = "acme-001") String accountId,
    @Schema(example = "Acme Corp") String name,
    @Schema(example = "34.5") Double score,
    @Schema(
            enumeration = {"red", "yellow", "green", "unknown"},
            example = "red")
        String band,
    @Schema(example = "0.9") double coverage,
    HealthView.ScorecardRef scorecard,
    @Schema(example = "2026-11-23T10:15:30Z") Instant computedAt,
    Money arr,
    @Schema(example = "2027-03-31") LocalDate renewalDate,
    @Schema(example = "{\"plan\": \"enterprise\", \"lifecycleStage\": \"adoption\"}")
        Map<String, String> attributes) {}
