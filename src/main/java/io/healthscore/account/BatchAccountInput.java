package io.healthscore.account;

import io.healthscore.common.Ids;
import io.healthscore.health.Money;
import java.time.LocalDate;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One account of a batch: its id and the state PUT /v1/accounts/{accountId} takes. */
@Schema(
    name = "BatchAccountInput",
    description = "An account's full state (see AccountUpsert), created or replaced.")
public record BatchAccountInput(
    @Schema(example = "acme-001", required = true, pattern = Ids.ACCOUNT_ID) String accountId,
    @Schema(example = "Acme Corp", maxLength = 200) String name,
    @Schema(example = "{\"plan\": \"enterprise\", \"lifecycleStage\": \"adoption\"}")
        Map<String, String> attributes,
    @Schema(description = "Annual recurring revenue.") Money arr,
    @Schema(example = "2027-03-31") LocalDate renewalDate) {

  public AccountUpsert upsert() {
    return new AccountUpsert(name, attributes, arr, renewalDate, null);
  }
}
