package io.healthscore.common;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a keyset-paginated list. */
public record Page<T>(
    @Schema(description = "The items of this page.") List<T> items,
    @Schema(
            description = "Opaque cursor for the next page; absent on the last page.",
            example = "MR8xNzY0MDAwMDAwMDAw")
        String nextCursor) {}
