package io.healthscore.analytics;

import io.healthscore.common.QueryParams;
import io.healthscore.health.HealthResource;
import io.healthscore.security.RequiresScope;
import io.healthscore.security.Scope;
import io.healthscore.security.Tenants;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/scorecards/{scorecardId}/calibrate")
@Tag(name = "Scorecards")
@Produces(MediaType.APPLICATION_JSON)
public class CalibrateResource {

  private final WeightCalibration calibration;

  public CalibrateResource(WeightCalibration calibration) {
    this.calibration = calibration;
  }

  @POST
  @RequiresScope(Scope.ADMIN)
  @Operation(summary = "Learn measure weights from outcomes",
      description = "Fits an L2-regularised logistic regression of churn on each measure's "
          + "normalised value `horizon` before every renewal decision (point in time, as in "
          + "calibration), and reports k-fold cross-validated AUC of the proposal against the "
          + "current version on the same folds. Writes nothing: the reply holds the proposal as "
          + "a scorecard to preview and, if wanted, to save with PUT.")
  @APIResponse(responseCode = "200", description = "The proposal",
      content = @Content(schema = @Schema(implementation = WeightProposal.class)))
  @APIResponse(responseCode = "400", description = "Invalid horizon, folds or lambda")
  @APIResponse(responseCode = "404", description = "No such scorecard")
  @APIResponse(responseCode = "422", description = "Too few outcomes to learn from")
  public WeightProposal calibrate(@PathParam("scorecardId") String scorecardId,
      @Parameter(description = "How long before each decision (default P90D).",
          example = "P90D") @QueryParam("horizon") String horizon,
      @Parameter(description = "Cross-validation folds, 2-10 (default 5).") @QueryParam("folds")
          String folds,
      @Parameter(description = "L2 regularisation, 0-10 (default 0.01).")
          @QueryParam("lambda") String lambda) throws SQLException {
    Double k = QueryParams.number("folds", folds, 2, 10);
    Double l2 = QueryParams.number("lambda", lambda, 0, 10);
    return calibration.propose(Tenants.current(), HealthResource.scorecardOrDefault(scorecardId),
        QueryParams.days("horizon", horizon, Duration.ofDays(90)),
        k == null ? 5 : k.intValue(), l2 == null ? 0.01 : l2);
  }
}
