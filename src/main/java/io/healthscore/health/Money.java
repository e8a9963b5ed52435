package io.healthscore.health;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Money", description = "An amount in an ISO-4217 currency.")
public record Money(
    @Schema(example = "120000.00", required = true)
        @NotNull
        @DecimalMin("0")
        @Digits(integer = 16, fraction = 2)
        BigDecimal amount,
    @Schema(example = "USD", required = true)
        @NotNull
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO-4217 code such as USD")
        String currency) {}
