package io.healthscore.outcome;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Outcome")
public record OutcomeView(
    @Schema(example = "acme-001") String accountId,
    @Schema(example = "renewal-2026-acme-001") String eventId,
    @Schema(example = "churned") String kind,
    @Schema(example = "2026-10-31") LocalDate date,
    @Schema(example = "120000") BigDecimal arrBefore,
    @Schema(example = "0") BigDecimal arrAfter,
    @Schema(example = "USD") String currency,
    String note,
    Instant createdAt) {}
