package io.healthscore.account;

import io.healthscore.health.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Account")
public record AccountView(
    @Schema(example = "acme-001") String accountId,
    @Schema(example = "Acme Corp") String name,
    @Schema(example = "{\"lifecycleStage\": \"adoption\", \"plan\": \"enterprise\"}")
        Map<String, String> attributes,
    Money arr,
    @Schema(example = "2027-03-31") LocalDate renewalDate,
    @Schema(
            enumeration = {"active", "churned"},
            description =
                "From the account's newest outcome: churned after a churn, active otherwise"
                    + " (portfolio views show active accounts unless asked).")
        String status,
    @Schema(example = "2026-11-01T08:00:00Z") Instant createdAt,
    @Schema(example = "2026-11-23T10:15:30Z") Instant updatedAt) {}
