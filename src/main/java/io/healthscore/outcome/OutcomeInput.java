package io.healthscore.outcome;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A renewal outcome as the API takes it (POST /v1/accounts/{id}/outcomes). */
@Schema(name = "OutcomeInput")
public record OutcomeInput(
    @Schema(
            description = "The caller's id for this event: a repeat is ignored.",
            example = "renewal-2026-acme-001")
        @NotBlank
        @Size(max = 200)
        String eventId,
    @Schema(
            enumeration = {"renewed", "expanded", "contracted", "churned", "reactivated"},
            example = "churned")
        @NotNull
        @Pattern(
            regexp = "renewed|expanded|contracted|churned|reactivated",
            message = "must be renewed, expanded, contracted, churned or reactivated")
        String kind,
    @Schema(description = "When it took effect.", example = "2026-10-31") @NotNull LocalDate date,
    @Schema(description = "ARR before it.", example = "120000")
        @NotNull
        @DecimalMin("0")
        @DecimalMax("1000000000000")
        BigDecimal arrBefore,
    @Schema(description = "ARR after it (0 for churned).", example = "0")
        @NotNull
        @DecimalMin("0")
        @DecimalMax("1000000000000")
        BigDecimal arrAfter,
    @Schema(
            description = "ISO 4217 currency (default: the account's ARR currency).",
            example = "USD")
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code")
        String currency,
    @Schema(example = "Budget cut after acquisition") @Size(max = 1000) String note) {}
