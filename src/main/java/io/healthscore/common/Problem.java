package io.healthscore.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.io.UncheckedIOException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 9457 problem details, as every error of this API is written. */
@Schema(
    name = "Problem",
    description = "RFC 9457 problem details (media type application/problem+json).")
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    @Schema(
            description = "URI identifying the kind of problem.",
            example = "urn:healthscore:problem:validation")
        String type,
    @Schema(description = "Short summary of the kind of problem.", example = "Invalid request")
        String title,
    @Schema(description = "HTTP status code.", example = "400") int status,
    @Schema(description = "What went wrong in this occurrence.", example = "1 field is not valid")
        String detail,
    @Schema(
            description = "Path of the request that failed.",
            example = "/v1/accounts/acme-001/signals")
        String instance,
    @Schema(description = "The invalid fields, for validation problems.") List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";

  /**
   * Ends a Vert.x response with this problem and closes the connection: for refusals made before
   * any resource runs (body too large, instance stopping).
   */
  public void endAndClose(RoutingContext context, ObjectMapper json, String... headers) {
    byte[] body;
    try {
      body = json.writeValueAsBytes(this);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    HttpServerResponse response = context.response().setStatusCode(status);
    response.putHeader("content-type", MEDIA_TYPE);
    // HTTP/2 has no connection header (its streams end on their own); HTTP/1.1 closes, as the
    // request's unread body may still be arriving.
    if (context.request().version() != HttpVersion.HTTP_2) {
      response.putHeader("connection", "close");
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      response.putHeader(headers[i], headers[i + 1]);
    }
    response.end(Buffer.buffer(body));
  }
}
