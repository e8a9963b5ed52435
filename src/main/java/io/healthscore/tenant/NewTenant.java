package io.healthscore.tenant;

import io.healthscore.security.Tenants;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant to create (POST /v1/tenants). */
public record NewTenant(
    @Schema(
            description = "Tenant id: 2-63 lower-case letters, digits and '-'.",
            example = "acme-corp")
        @NotNull
        @Pattern(
            regexp = Tenants.ID,
            message =
                "must be 2-63 lower-case letters, digits and '-', starting with a letter "
                    + "or digit")
        String id,
    @Schema(example = "Acme Corp") @NotBlank @Size(max = 200) String name) {}
