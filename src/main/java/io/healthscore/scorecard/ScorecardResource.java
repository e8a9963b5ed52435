package io.healthscore.scorecard;

import io.healthscore.common.Problem;
import io.healthscore.scoring.WeightingEngine;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1")
@Tag(name = "Scorecards", description = "The recipes that turn signals into scores")
@Produces(MediaType.APPLICATION_JSON)
public class ScorecardResource {

  private final Scorecards scorecards;

  public ScorecardResource(Scorecards scorecards) {
    this.scorecards = scorecards;
  }

  @GET
  @Path("/scorecards/{scorecardId}")
  @Operation(summary = "Read a scorecard",
      description = "The default scorecard has id 'default'. Its JSON form is also what "
          + "POST /v1/score accepts as an inline scorecard.")
  @APIResponse(responseCode = "200", description = "The scorecard",
      content = @Content(schema = @Schema(implementation = ScorecardDefinition.class)))
  @APIResponse(responseCode = "404", description = "No such scorecard",
      content = @Content(mediaType = Problem.MEDIA_TYPE,
          schema = @Schema(implementation = Problem.class)))
  public ScorecardDefinition get(@PathParam("scorecardId") String scorecardId) {
    return ScorecardMapper.toDefinition(scorecards.find(scorecardId));
  }

  @GET
  @Path("/engines")
  @Operation(summary = "List the weighting engines",
      description = "The engines a scorecard can name in its engine field, with the settings "
          + "each reads from engineSettings. A jar on the classpath can add engines "
          + "(java.util.ServiceLoader, interface io.healthscore.scoring.WeightingEngine).")
  @APIResponse(responseCode = "200", description = "The engines, sorted by id",
      content = @Content(schema = @Schema(implementation = EngineView.class,
          type = SchemaType.ARRAY)))
  public List<EngineView> engines() {
    return scorecards.engines().stream().map(EngineView::of).toList();
  }

  @Schema(name = "Engine")
  public record EngineView(
      @Schema(example = "critical_gated") String id,
      @Schema(example = "Weighted arithmetic mean, capped at the top of the red band when any "
          + "measure marked critical is red on its own.") String description,
      List<ParameterView> parameters) {

    static EngineView of(WeightingEngine engine) {
      return new EngineView(engine.id(), engine.description(), engine.parameters().stream()
          .map(p -> new ParameterView(p.name(), p.required(), p.description())).toList());
    }
  }

  @Schema(name = "EngineParameter")
  public record ParameterView(
      @Schema(example = "formula") String name,
      boolean required,
      String description) {}
}
