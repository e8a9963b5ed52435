package io.healthscore.health;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant's own signal key as the API takes it (PUT /v1/signal-keys/{key}). */
@Schema(
    name = "SignalKeyDefinition",
    description =
        "A custom signal key: type, accepted range or "
            + "labels, unit and meaning. Usable in scorecard measures once defined.")
public record SignalKeyDefinition(
    @Schema(
            enumeration = {"number", "label", "boolean"},
            example = "number",
            required = true)
        String type,
    @Schema(description = "Smallest accepted number (numbers; absent: unbounded).", example = "0")
        Double min,
    @Schema(description = "Largest accepted number (numbers; absent: unbounded).", example = "100")
        Double max,
    @Schema(description = "Only whole numbers accepted (numbers).", defaultValue = "false")
        Boolean integer,
    @Schema(description = "Accepted labels, worst first (labels).") List<String> labels,
    @Schema(example = "percent", maxLength = 50) String unit,
    @Schema(
            description = "Health-score ingredient it belongs to.",
            enumeration = {
              "csm_sentiment",
              "customer_sentiment",
              "engagement",
              "advocacy",
              "adoption",
              "outcomes",
              "support"
            })
        String ingredient,
    @Schema(
            description = "DEAR stage.",
            enumeration = {"deployment", "engagement", "adoption", "roi"})
        String dear,
    @Schema(example = "Share of the onboarding checklist completed.", maxLength = 500)
        String description) {}
