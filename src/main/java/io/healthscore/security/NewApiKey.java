package io.healthscore.security;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A key to create (POST /v1/api-keys). */
public record NewApiKey(
    @Schema(description = "What the key is for.", example = "Salesforce sync")
        @NotBlank
        @Size(max = 200)
        String name,
    @Schema(
            description =
                "What the key may do: signals:write, health:read, admin (admin may do "
                    + "everything).",
            example = "[\"signals:write\", \"health:read\"]")
        @NotEmpty
        @Size(max = 3)
        List<
                @NotNull
                @Pattern(
                    regexp = "signals:write|health:read|admin",
                    message = "must be one of signals:write, health:read, admin")
                String>
            scopes,
    @Schema(
            description =
                "Requests per second this key may send, per instance (bursts up to "
                    + "twice that); default: healthscore.rate-limit.requests-per-second.",
            example = "50")
        @Min(1)
        @Max(100000)
        Integer rateLimit) {}
