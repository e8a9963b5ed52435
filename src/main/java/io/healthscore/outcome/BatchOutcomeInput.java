package io.healthscore.outcome;

import io.healthscore.common.Ids;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One outcome of a batch: the fields of an OutcomeInput, and the account it belongs to. */
@Schema(
    name = "BatchOutcomeInput",
    description = "A renewal outcome of one account (see OutcomeInput); the account must exist.")
public record BatchOutcomeInput(
    @Schema(example = "acme-001", required = true, pattern = Ids.ACCOUNT_ID) String accountId,
    @Schema(example = "renewal-2026-acme-001", required = true, maxLength = 200) String eventId,
    @Schema(
            enumeration = {"renewed", "expanded", "contracted", "churned", "reactivated"},
            example = "churned",
            required = true)
        String kind,
    @Schema(example = "2026-10-31", required = true) LocalDate date,
    @Schema(example = "120000", required = true) BigDecimal arrBefore,
    @Schema(example = "0", required = true) BigDecimal arrAfter,
    @Schema(example = "USD", description = "Default: the account's ARR currency.") String currency,
    @Schema(example = "Budget cut after acquisition", maxLength = 1000) String note) {

  public OutcomeInput outcome() {
    return new OutcomeInput(eventId, kind, date, arrBefore, arrAfter, currency, note);
  }
}
