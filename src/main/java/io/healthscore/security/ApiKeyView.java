package io.healthscore.security;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An API key as listed: never its secret, which is shown once, when it is created. */
@Schema(name = "ApiKey")
public record ApiKeyView(
    @Schema(description = "Key id, used to revoke it.", example = "key_3k9x2m7q4w8z") String id,
    @Schema(description = "What the key is for.", example = "Salesforce sync") String name,
    @Schema(description = "The key's first characters, to recognise it.", example = "hs_Vb3xK9pQ")
        String prefix,
    @Schema(description = "What the key may do.", example = "[\"signals:write\", \"health:read\"]")
        List<String> scopes,
    @Schema(description = "Requests per second, when the key has its own limit.", example = "50")
        Integer rateLimit,
    Instant createdAt,
    @Schema(description = "When the key was revoked; absent while it is valid.") Instant revokedAt,
    @Schema(
            description =
                "The key itself: shown only in the reply that creates it. Send it as "
                    + "'Authorization: Bearer <key>'.",
            example = "hs_Vb3xK9pQ2mZr8sLw0TtYc1uNe5aHd7fJgB4kXoPqRiE")
        String key) {}
