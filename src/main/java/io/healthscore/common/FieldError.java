package io.healthscore.common;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "One invalid field of a request.")
public record FieldError(
    @Schema(
            description =
                "Path of the field in the request: JSON path for bodies "
                    + "(signals[0].value), parameter name for query and path parameters.",
            example = "signals[0].value")
        String field,
    @Schema(description = "What is wrong with it.", example = "must be between 0 and 10")
        String message) {}
