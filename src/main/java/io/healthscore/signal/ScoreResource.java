package io.healthscore.signal;

import io.healthscore.common.Examples;
import io.healthscore.common.Problem;
import io.healthscore.health.HealthView;
import io.healthscore.health.NewSignal;
import io.healthscore.health.ScoreDetail;
import io.healthscore.health.Scorecards;
import io.healthscore.health.SignalKeys;
import io.healthscore.scoring.Observation;
import io.healthscore.scoring.Scorecard;
import io.healthscore.security.RequiresScope;
import io.healthscore.security.Scope;
import io.healthscore.security.Tenants;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1")
@Tag(name = "Scoring", description = "Stateless scoring: nothing is stored")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ScoreResource {

  private final Scorecards scorecards;
  private final SignalService signals;
  private final SignalKeys signalKeys;

  public ScoreResource(Scorecards scorecards, SignalService signals, SignalKeys signalKeys) {
    this.scorecards = scorecards;
    this.signals = signals;
    this.signalKeys = signalKeys;
  }

  // Pure computation once the tenant's scorecards and keys are in memory: it then runs on
  // the event loop and skips the worker-thread hop.
  @NonBlocking
  @RequiresScope(Scope.HEALTH_READ)
  @POST
  @Path("/score")
  @Operation(
      operationId = "scoreSignals",
      summary = "Score signals without storing anything",
      description =
          "Evaluates the given signals with the default scorecard, or with an inline "
              + "scorecard, and returns the full explained result.")
  @APIResponse(
      responseCode = "200",
      description = "The explained score",
      content = @Content(schema = @Schema(implementation = HealthView.class)))
  @APIResponse(
      responseCode = "400",
      description = "Invalid signal or scorecard",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class),
              examples = @ExampleObject(name = "invalid", value = Examples.VALIDATION_PROBLEM)))
  public Uni<HealthView> score(
      @RequestBody(
              content =
                  @Content(examples = @ExampleObject(name = "signals", value = Examples.SCORE)))
          @NotNull(message = "must be a JSON object")
          @Valid
          ScoreRequest body,
      @BeanParam ScoreDetail.Param view) {
    String tenant = Tenants.current();
    ScoreDetail detail = view.detail();
    if (scorecards.isLoaded(tenant) && signalKeys.isLoaded(tenant)) {
      return Uni.createFrom().item(() -> score(tenant, body).in(detail));
    }
    // A tenant's first use reads its scorecards and keys: on a worker, not on the I/O thread.
    return Uni.createFrom()
        .item(
            () -> {
              signalKeys.all(tenant); // loads them, so the next request stays on the I/O thread
              return score(tenant, body).in(detail);
            })
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }

  private HealthView score(String tenant, ScoreRequest body) {
    try {
      Instant at = body.at() == null ? Instant.now() : body.at().toInstant();
      Scorecard scorecard =
          body.scorecard() == null
              ? scorecards.catalog(tenant).get(Scorecards.DEFAULT_ID)
              : scorecards.fromDefinition(tenant, body.scorecard(), "scorecard");
      List<Observation> observations =
          signals.validateAll(tenant, null, body.signals(), "signals", at).stream()
              .map(ScoreResource::observation)
              .toList();
      return HealthView.of(
          null, null, "stateless", scorecards.scorer().score(scorecard, observations, at, null));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Observation observation(NewSignal s) {
    return new Observation(s.key(), s.number(), s.label(), s.observedAt());
  }
}
