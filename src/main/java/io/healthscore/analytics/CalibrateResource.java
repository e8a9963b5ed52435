package io.healthscore.analytics;

import io.healthscore.common.ApiProblem;
import io.healthscore.common.Limits;
import io.healthscore.common.Page;
import io.healthscore.common.PageRequest;
import io.healthscore.common.QueryParams;
import io.healthscore.health.HealthResource;
import io.healthscore.security.RequiresScope;
import io.healthscore.security.Scope;
import io.healthscore.security.Tenants;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1")
@Tag(name = "Scorecards")
@Produces(MediaType.APPLICATION_JSON)
public class CalibrateResource {

  private final WeightCalibration calibration;
  private final ScorecardDrafts drafts;
  private final Limits limits;

  public CalibrateResource(WeightCalibration calibration, ScorecardDrafts drafts, Limits limits) {
    this.calibration = calibration;
    this.drafts = drafts;
    this.limits = limits;
  }

  @GET
  @Path("/scorecards/{scorecardId}/drafts")
  @RequiresScope(Scope.ADMIN)
  @Operation(
      operationId = "listScorecardDrafts",
      description =
          "Proposals kept by calibrate (save=true), newest first. A draft scores nothing until it"
              + " is saved as a version with PUT /v1/scorecards/{scorecardId}.",
      summary = "The scorecard's drafts, newest first (at most 50)")
  @APIResponse(responseCode = "200", description = "The drafts")
  @APIResponse(responseCode = "404", description = "No such scorecard")
  public Page<ScorecardDrafts.Draft> drafts(
      @PathParam("scorecardId") String scorecardId, @BeanParam PageRequest page)
      throws SQLException {
    String tenant = Tenants.current();
    String id = HealthResource.scorecardOrDefault(scorecardId);
    calibration.scorecard(tenant, id);
    return page.of(drafts.list(tenant, id), d -> Long.toString(d.id()), limits);
  }

  @GET
  @Path("/scorecards/{scorecardId}/drafts/{draftId}")
  @RequiresScope(Scope.ADMIN)
  @Operation(
      operationId = "getScorecardDraft",
      summary = "One draft",
      description =
          "Its definition is what POST /v1/scorecards/{id}/preview takes to show its effect, and"
              + " what PUT /v1/scorecards/{id} takes to make it the current version.")
  @APIResponse(
      responseCode = "200",
      description = "The draft",
      content = @Content(schema = @Schema(implementation = ScorecardDrafts.Draft.class)))
  @APIResponse(responseCode = "404", description = "No such scorecard or draft")
  public ScorecardDrafts.Draft draft(
      @PathParam("scorecardId") String scorecardId, @PathParam("draftId") String draftId)
      throws SQLException {
    String id = HealthResource.scorecardOrDefault(scorecardId);
    try {
      return drafts.find(Tenants.current(), id, Long.parseLong(draftId));
    } catch (NumberFormatException e) {
      throw ApiProblem.notFound("No draft " + draftId);
    }
  }

  @POST
  @Path("/scorecards/{scorecardId}/calibrate")
  @RequiresScope(Scope.ADMIN)
  @Operation(
      operationId = "calibrateScorecard",
      summary = "Learn a scorecard from outcomes",
      description =
          "Learns each measure's shape, direction and weight from the renewal decisions:"
              + " numeric measures with enough outcomes get steps from binned churn evidence"
              + " (monotone unless the data clearly says otherwise), labels and booleans a score"
              + " per value, the others keep their normaliser with its direction learned; an L2"
              + " logistic regression over all of them sets the weights, and a measure whose"
              + " coefficient's 95 % interval spans 0 (or whose evidence is too weak) is left"
              + " out, with its reason. Bands are set by risk unless bands=keep. Every figure is"
              + " measured on k held-out folds, each scored with a scorecard learned without it"
              + " through the same scoring as live scores, beside the current version. The reply"
              + " holds the proposal to preview, measure and, if wanted, save with PUT; with"
              + " save=true it is also kept as a draft. Changes no version.")
  @APIResponse(
      responseCode = "200",
      description = "The proposal",
      content = @Content(schema = @Schema(implementation = WeightProposal.class)))
  @APIResponse(
      responseCode = "400",
      description = "Invalid horizon, folds, lambda, segmentBy or bands")
  @APIResponse(responseCode = "404", description = "No such scorecard")
  @APIResponse(responseCode = "422", description = "Too few outcomes to learn from")
  public WeightProposal calibrate(
      @PathParam("scorecardId") String scorecardId,
      @Parameter(
              description = "How long before each decision (default P90D).",
              example = "P90D",
              schema = @Schema(type = SchemaType.STRING, format = "duration"))
          @QueryParam("horizon")
          String horizon,
      @Parameter(
              description = "Cross-validation folds, 2-10 (default 5).",
              schema =
                  @Schema(
                      type = SchemaType.INTEGER,
                      minimum = "2",
                      maximum = "10",
                      defaultValue = "5"))
          @QueryParam("folds")
          String folds,
      @Parameter(
              description = "L2 regularisation, 0-10 (default 0.001).",
              schema =
                  @Schema(
                      type = SchemaType.NUMBER,
                      minimum = "0",
                      maximum = "10",
                      defaultValue = "0.001"))
          @QueryParam("lambda")
          String lambda,
      @Parameter(
              description =
                  "A segment attribute whose values may get weights of their own (kept only when"
                      + " the held-out folds say they beat the shared weights).",
              example = "plan")
          @QueryParam("segmentBy")
          String segmentBy,
      @Parameter(
              description =
                  "learn (default): bands by risk, red where the odds of churn are at least twice"
                      + " the book's, green where at most half; keep: the current bands.",
              schema = @Schema(enumeration = {"learn", "keep"}))
          @QueryParam("bands")
          String bands,
      @Parameter(description = "Keep the proposal as a draft (default false).") @QueryParam("save")
          boolean save)
      throws SQLException {
    Integer k = QueryParams.integer("folds", folds, 2, 10);
    Double l2 = QueryParams.number("lambda", lambda, 0, 10);
    if (bands != null && !bands.equals("learn") && !bands.equals("keep")) {
      throw ApiProblem.invalid("bands", "must be learn or keep");
    }
    String tenant = Tenants.current();
    WeightProposal proposal =
        calibration.propose(
            tenant,
            HealthResource.scorecardOrDefault(scorecardId),
            new WeightCalibration.Request(
                QueryParams.duration("horizon", horizon, Duration.ofDays(90)),
                k == null ? 5 : k,
                l2 == null ? 0.001 : l2,
                QueryParams.attributeName("segmentBy", segmentBy),
                !"keep".equals(bands)));
    return save
        ? proposal.savedAs(
            drafts.save(
                tenant,
                proposal.scorecardId(),
                proposal.scorecardVersion(),
                "calibrate",
                proposal.proposal()))
        : proposal;
  }
}
