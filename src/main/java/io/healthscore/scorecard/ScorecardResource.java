package io.healthscore.scorecard;

import io.healthscore.common.Problem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
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
}
