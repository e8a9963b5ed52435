package io.healthscore.account;

import io.healthscore.health.Money;
import io.healthscore.signal.SignalInput;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "AccountUpsert",
    description =
        "The account's full state (PUT replaces name, "
            + "attributes, ARR and renewal date), optionally with new signals.")
public record AccountUpsert(
    @Schema(example = "Acme Corp")
        @Size(max = 200)
        @Pattern(regexp = "[^\\x00]*", message = "must not contain NUL")
        String name,
    @Schema(
            description = "Segment attributes (lifecycle stage, plan, region, owner, ...).",
            example =
                "{\"lifecycleStage\": \"adoption\", \"plan\": \"enterprise\", \"region\":"
                    + " \"emea\"}")
        @Size(max = 50)
        Map<
                @Pattern(
                    regexp = "[A-Za-z][A-Za-z0-9_.-]{0,63}",
                    message = "attribute names are 1-64 letters, digits, '_', '.' or '-'")
                String,
                @Size(max = 200) @Pattern(regexp = "[^\\x00]*", message = "must not contain NUL")
                String>
            attributes,
    @Schema(description = "Annual recurring revenue.") @Valid Money arr,
    @Schema(description = "Next renewal date.", example = "2027-03-31") LocalDate renewalDate,
    @Schema(description = "Signals to append in the same call (at most 1,000).") @Size(max = 1000)
        List<SignalInput> signals) {}
