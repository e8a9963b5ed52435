package io.healthscore.health;

import io.healthscore.common.Examples;
import io.healthscore.common.Idempotency;
import io.healthscore.common.Ids;
import io.healthscore.common.Limits;
import io.healthscore.common.Page;
import io.healthscore.common.PageRequest;
import io.healthscore.security.RequiresScope;
import io.healthscore.security.Scope;
import io.healthscore.security.Tenants;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1")
@Tag(name = "Health")
@Produces(MediaType.APPLICATION_JSON)
public class OverrideResource {

  private final Overrides overrides;
  private final ScoreForms forms;
  private final Limits limits;

  public OverrideResource(Overrides overrides, ScoreForms forms, Limits limits) {
    this.forms = forms;
    this.limits = limits;
    this.overrides = overrides;
  }

  @RequiresScope(Scope.SIGNALS_WRITE)
  @PUT
  @Extension(name = Idempotency.MARKER, value = "true")
  @Path("/accounts/{accountId}/health/override")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "setHealthOverride",
      summary = "Override an account's score until a date",
      description =
          "The computed score and band stay as they are; reads show the override "
              + "beside them. It replaces an override in force, survives recomputes, and ends by "
              + "itself at expiresAt. Each of these writes a history row.")
  @APIResponse(
      responseCode = "200",
      description = "The account's score with the override",
      content = @Content(schema = @Schema(implementation = HealthView.class)))
  @APIResponse(responseCode = "400", description = "Invalid override; every field named")
  @APIResponse(responseCode = "404", description = "No such account or scorecard")
  public Response set(
      @PathParam("accountId") @Pattern(regexp = Ids.ACCOUNT_ID, message = Ids.ACCOUNT_ID_MESSAGE)
          String accountId,
      @Parameter(description = "Scorecard id (default: the default scorecard).")
          @QueryParam("scorecard")
          String scorecard,
      @RequestBody(
              content =
                  @Content(examples = @ExampleObject(name = "red", value = Examples.OVERRIDE)))
          OverrideRequest body,
      @BeanParam ScoreDetail.Param view)
      throws SQLException {
    ScoreDetail detail = view.detail();
    return json(
        overrides.set(
            Tenants.current(), accountId, HealthResource.scorecardOrDefault(scorecard), body),
        detail);
  }

  @RequiresScope(Scope.SIGNALS_WRITE)
  @DELETE
  @Path("/accounts/{accountId}/health/override")
  @Operation(
      operationId = "removeHealthOverride",
      description =
          "Ends the override in force at once: the computed score applies again. The override stays"
              + " in the trail (GET /v1/accounts/{accountId}/health/overrides).",
      summary = "End an account's override now")
  @APIResponse(
      responseCode = "200",
      description = "The account's score without override",
      content = @Content(schema = @Schema(implementation = HealthView.class)))
  @APIResponse(responseCode = "404", description = "No override in force, or no such account")
  public Response remove(
      @PathParam("accountId") @Pattern(regexp = Ids.ACCOUNT_ID, message = Ids.ACCOUNT_ID_MESSAGE)
          String accountId,
      @Parameter(description = "Scorecard id (default: the default scorecard).")
          @QueryParam("scorecard")
          String scorecard,
      @BeanParam ScoreDetail.Param view)
      throws SQLException {
    ScoreDetail detail = view.detail();
    return json(
        overrides.remove(
            Tenants.current(), accountId, HealthResource.scorecardOrDefault(scorecard)),
        detail);
  }

  @RequiresScope(Scope.HEALTH_READ)
  @GET
  @Path("/accounts/{accountId}/health/overrides")
  @Operation(
      operationId = "listHealthOverrides",
      summary = "Read an account's override trail, newest first",
      description =
          "Every override ever set, with who set it, why, and how it ended "
              + "(replaced, deleted or expired).")
  @APIResponse(responseCode = "200", description = "The overrides")
  @APIResponse(responseCode = "404", description = "No such account or scorecard")
  public Page<OverrideEntry> trail(
      @PathParam("accountId") @Pattern(regexp = Ids.ACCOUNT_ID, message = Ids.ACCOUNT_ID_MESSAGE)
          String accountId,
      @Parameter(description = "Scorecard id (default: the default scorecard).")
          @QueryParam("scorecard")
          String scorecard,
      @BeanParam PageRequest page)
      throws SQLException {
    return page.of(
        overrides
            .trail(Tenants.current(), accountId, HealthResource.scorecardOrDefault(scorecard))
            .stream()
            .map(
                e ->
                    new OverrideEntry(
                        e.id(),
                        e.score(),
                        e.band(),
                        e.reason(),
                        e.author(),
                        e.createdAt(),
                        e.expiresAt(),
                        e.endedAt(),
                        e.endReason()))
            .toList(),
        e -> Long.toString(e.id()),
        limits);
  }

  private Response json(StoredScore stored, ScoreDetail detail) {
    return Response.ok(forms.in(detail, stored.json()), MediaType.APPLICATION_JSON_TYPE).build();
  }

  @Schema(name = "OverrideEntry")
  public record OverrideEntry(
      @Schema(example = "12") long id,
      @Schema(example = "35.0") Double score,
      @Schema(example = "red") String band,
      String reason,
      String author,
      Instant createdAt,
      Instant expiresAt,
      @Schema(description = "When it ended; absent while in force.") Instant endedAt,
      @Schema(enumeration = {"replaced", "deleted", "expired"}) String endReason) {}
}
