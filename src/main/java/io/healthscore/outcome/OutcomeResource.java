package io.healthscore.outcome;

import io.healthscore.common.Idempotency;
import io.healthscore.common.Ids;
import io.healthscore.common.Limits;
import io.healthscore.common.Page;
import io.healthscore.common.PageRequest;
import io.healthscore.security.RequiresScope;
import io.healthscore.security.Scope;
import io.healthscore.security.Tenants;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/accounts/{accountId}/outcomes")
@Tag(
    name = "Outcomes",
    description = "Renewals and churn: the ground truth for revenue " + "analytics and calibration")
@Produces(MediaType.APPLICATION_JSON)
public class OutcomeResource {

  private final Outcomes outcomes;
  private final Limits limits;

  public OutcomeResource(Outcomes outcomes, Limits limits) {
    this.outcomes = outcomes;
    this.limits = limits;
  }

  @POST
  @RequiresScope(Scope.SIGNALS_WRITE)
  @Extension(name = Idempotency.MARKER, value = "true")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "recordOutcome",
      summary = "Record a renewal outcome",
      description =
          "renewed (same ARR), expanded, contracted, churned (ARR to 0) or "
              + "reactivated (from 0). A repeated eventId for the account is ignored and the "
              + "stored outcome returned (200). The newest outcome by date sets the account's ARR.")
  @APIResponse(
      responseCode = "201",
      description = "Recorded",
      content = @Content(schema = @Schema(implementation = OutcomeView.class)))
  @APIResponse(
      responseCode = "200",
      description = "Already recorded under this eventId",
      content = @Content(schema = @Schema(implementation = OutcomeView.class)))
  @APIResponse(responseCode = "400", description = "Invalid outcome; nothing written")
  @APIResponse(responseCode = "404", description = "No such account")
  public Response record(
      @PathParam("accountId") @Pattern(regexp = Ids.ACCOUNT_ID, message = Ids.ACCOUNT_ID_MESSAGE)
          String accountId,
      @RequestBody(
              content =
                  @Content(
                      examples =
                          @ExampleObject(
                              name = "churn",
                              value =
                                  """
                                  {"eventId": "renewal-2026-acme-001", "kind": "churned", "date": "2026-10-31",
                                   "arrBefore": 120000, "arrAfter": 0, "note": "Budget cut after acquisition"}\
                                  """)))
          @NotNull(message = "must be a JSON object")
          @Valid
          OutcomeInput body)
      throws SQLException {
    Outcomes.Recorded recorded = outcomes.record(Tenants.current(), accountId, body);
    return Response.status(recorded.created() ? 201 : 200).entity(recorded.outcome()).build();
  }

  @GET
  @RequiresScope(Scope.HEALTH_READ)
  @Operation(
      operationId = "listOutcomes",
      description =
          "Every renewal outcome recorded for the account (renewed, expanded, contracted, churned,"
              + " reactivated) with its ARR before and after, newest first.",
      summary = "An account's outcomes, newest first")
  @APIResponse(responseCode = "200", description = "The outcomes")
  @APIResponse(responseCode = "404", description = "No such account")
  public Page<OutcomeView> list(
      @PathParam("accountId") @Pattern(regexp = Ids.ACCOUNT_ID, message = Ids.ACCOUNT_ID_MESSAGE)
          String accountId,
      @BeanParam PageRequest page)
      throws SQLException {
    return page.of(outcomes.list(Tenants.current(), accountId), OutcomeView::eventId, limits);
  }
}
