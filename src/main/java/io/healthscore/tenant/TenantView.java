package io.healthscore.tenant;

import io.healthscore.security.ApiKeyView;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Tenant")
public record TenantView(
    @Schema(example = "acme-corp") String id,
    @Schema(example = "Acme Corp") String name,
    Instant createdAt,
    @Schema(
            description =
                "The tenant's first admin key: only in the reply that creates the " + "tenant.")
        ApiKeyView adminKey) {}
