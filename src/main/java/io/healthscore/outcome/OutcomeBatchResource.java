package io.healthscore.outcome;

import com.fasterxml.jackson.databind.JsonNode;
import io.healthscore.common.BatchItems;
import io.healthscore.common.Idempotency;
import io.healthscore.security.RequiresScope;
import io.healthscore.security.Scope;
import io.healthscore.security.Tenants;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/outcomes/batch")
@Tag(name = "Outcomes")
@Produces(MediaType.APPLICATION_JSON)
public class OutcomeBatchResource {

  static final int MAX_OUTCOMES = 1000;

  @Schema(name = "OutcomeBatch", description = "Up to 1,000 renewal outcomes across accounts.")
  public record OutcomeBatch(
      // Items are read one by one, so that one unreadable item is reported by its index.
      @Schema(
              required = true,
              maxItems = MAX_OUTCOMES,
              type = SchemaType.ARRAY,
              implementation = BatchOutcomeInput.class)
          @NotNull
          @Size(min = 1, max = MAX_OUTCOMES, message = "must contain 1 to 1000 outcomes")
          List<JsonNode> outcomes) {}

  @Schema(
      name = "OutcomeBatchResult",
      description = "Valid items are recorded; invalid ones are reported by index and not applied.")
  public record OutcomeBatchResult(
      @Schema(description = "Outcomes stored.", example = "998") int recorded,
      @Schema(description = "Outcomes whose eventId was already stored.", example = "0")
          int duplicates,
      @Schema(description = "Invalid items, by index in the request.")
          List<BatchItems.Rejected> rejected) {}

  private final Outcomes outcomes;

  public OutcomeBatchResource(Outcomes outcomes) {
    this.outcomes = outcomes;
  }

  @POST
  @RequiresScope(Scope.SIGNALS_WRITE)
  @Extension(name = Idempotency.MARKER, value = "true")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "recordOutcomeBatch",
      summary = "Record up to 1,000 renewal outcomes across accounts",
      description =
          "Each item is an outcome of one existing account, checked as POST"
              + " /v1/accounts/{accountId}/outcomes checks it. Valid items are recorded in one"
              + " transaction (a repeated eventId is counted as a duplicate); invalid ones, and"
              + " those of unknown accounts, are reported by index and not applied.")
  @APIResponse(
      responseCode = "200",
      description = "Recorded; invalid items listed",
      content = @Content(schema = @Schema(implementation = OutcomeBatchResult.class)))
  @APIResponse(responseCode = "400", description = "Not a batch (e.g. empty or over 1,000)")
  public OutcomeBatchResult record(
      @RequestBody(
              content =
                  @Content(
                      examples =
                          @ExampleObject(
                              name = "renewals",
                              value =
                                  """
                                  {"outcomes": [
                                    {"accountId": "acme-001", "eventId": "renewal-2026-acme-001", "kind": "churned",
                                     "date": "2026-10-31", "arrBefore": 120000, "arrAfter": 0, "currency": "USD"},
                                    {"accountId": "globex-002", "eventId": "renewal-2026-globex-002", "kind": "expanded",
                                     "date": "2026-11-15", "arrBefore": 50000, "arrAfter": 65000, "currency": "USD"}
                                  ]}\
                                  """)))
          @NotNull(message = "must be a JSON object")
          @Valid
          OutcomeBatch body)
      throws SQLException {
    Outcomes.BatchRecorded recorded = outcomes.recordBatch(Tenants.current(), body.outcomes());
    return new OutcomeBatchResult(recorded.recorded(), recorded.duplicates(), recorded.rejected());
  }
}
