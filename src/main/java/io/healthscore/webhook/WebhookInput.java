package io.healthscore.webhook;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A webhook subscription as the API takes it (POST and PUT /v1/webhooks). */
@Schema(name = "WebhookInput")
public record WebhookInput(
    @Schema(
            description =
                "Where events are POSTed: https (http only where the deployment allows it); must"
                    + " not resolve to a private, loopback, link-local or metadata address.",
            example = "https://hooks.example.com/healthscore")
        @NotNull
        @Size(max = 2000)
        String url,
    @Schema(
            description =
                "Events to send: health.band_changed (the band moved), health.score_dropped (the"
                    + " score fell by at least scoreDropThreshold points), health.score_updated"
                    + " (every new score).",
            example = "[\"health.band_changed\", \"health.score_dropped\"]")
        @NotEmpty
        @Size(max = 3)
        List<
                @NotNull
                @Pattern(
                    regexp = "health\\.band_changed|health\\.score_dropped|health\\.score_updated",
                    message =
                        "must be health.band_changed, health.score_dropped or health.score_updated")
                String>
            eventTypes,
    @Schema(
            description =
                "Points a score must drop by for health.score_dropped (required with " + "it).",
            example = "10")
        @DecimalMin("0.1")
        @DecimalMax("100")
        Double scoreDropThreshold,
    @Schema(
            description = "Only scores made with these scorecard segments (absent: all).",
            example = "[\"enterprise\"]")
        @Size(max = 50)
        List<@NotNull @Size(min = 1, max = 64) String> segments,
    @Schema(description = "Only these scorecards (absent: all).", example = "[\"default\"]")
        @Size(max = 50)
        List<@NotNull @Size(min = 1, max = 64) String> scorecards,
    @Schema(example = "Slack #cs-alerts via Zapier") @Size(max = 500) String description) {}
