package io.healthscore.scorecard;

import io.healthscore.common.ApiProblem;
import io.healthscore.common.Examples;
import io.healthscore.common.Idempotency;
import io.healthscore.common.Limits;
import io.healthscore.common.Page;
import io.healthscore.common.PageRequest;
import io.healthscore.common.Problem;
import io.healthscore.health.ScorecardDefinition;
import io.healthscore.health.ScorecardMapper;
import io.healthscore.health.Scorecards;
import io.healthscore.job.Recomputes;
import io.healthscore.scoring.Scorecard;
import io.healthscore.scoring.Segment;
import io.healthscore.scoring.WeightingEngine;
import io.healthscore.security.RequiresScope;
import io.healthscore.security.Scope;
import io.healthscore.security.Tenants;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1")
@Tag(
    name = "Scorecards",
    description =
        "The recipes that turn signals into scores: versioned, "
            + "with segments and pluggable weighting engines")
@Produces(MediaType.APPLICATION_JSON)
public class ScorecardResource {

  @Inject Limits limits;

  private final Scorecards scorecards;
  private final ScorecardPreview preview;
  private final Recomputes recomputes;

  public ScorecardResource(Scorecards scorecards, ScorecardPreview preview, Recomputes recomputes) {
    this.scorecards = scorecards;
    this.preview = preview;
    this.recomputes = recomputes;
  }

  @RequiresScope(Scope.HEALTH_READ)
  @GET
  @Path("/scorecards")
  @Operation(
      operationId = "listScorecards",
      summary = "List the scorecards",
      description =
          "Every scorecard of the tenant at its current version. Every account is "
              + "scored by each of them; reads take ?scorecard= and default to 'default'.")
  @APIResponse(responseCode = "200", description = "The scorecards, by id")
  public Page<ScorecardSummary> list(@BeanParam PageRequest page) throws SQLException {
    return page.of(
        scorecards.catalog(Tenants.current()).byId().values().stream()
            .map(ScorecardSummary::of)
            .toList(),
        ScorecardSummary::id,
        limits);
  }

  @RequiresScope(Scope.ADMIN)
  @POST
  @Extension(name = Idempotency.MARKER, value = "true")
  @Path("/scorecards")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "createScorecard",
      summary = "Create a scorecard",
      description =
          "Stores version 1 and starts a job that scores every account with it "
              + "(see the Link header); from then on every write scores with it too.")
  @APIResponse(
      responseCode = "201",
      description = "Created",
      headers = {
        @Header(
            name = "ETag",
            description = "The version, for If-Match",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = "Link",
            description = "The recompute job: </v1/jobs/{id}>; " + "rel=\"monitor\"",
            schema = @Schema(type = SchemaType.STRING))
      },
      content = @Content(schema = @Schema(implementation = ScorecardDefinition.class)))
  @APIResponse(responseCode = "400", description = "Invalid scorecard; every invalid field named")
  @APIResponse(responseCode = "409", description = "A scorecard with this id exists")
  public Response create(
      @RequestBody(
              content =
                  @Content(examples = @ExampleObject(name = "dear", value = Examples.SCORECARD)))
          ScorecardDefinition body)
      throws SQLException {
    Scorecards.Saved saved = scorecards.create(Tenants.current(), body, recomputes);
    return Response.created(URI.create("/v1/scorecards/" + saved.scorecard().id()))
        .tag(etag(saved.scorecard().version()))
        .header(HttpHeaders.LINK, jobLink(saved.recomputeJob()))
        .entity(ScorecardMapper.toDefinition(saved.scorecard()))
        .build();
  }

  @RequiresScope(Scope.HEALTH_READ)
  @GET
  @Path("/scorecards/{scorecardId}")
  @Operation(
      operationId = "getScorecard",
      summary = "Read a scorecard's current version",
      description =
          "The bundled default has id 'default'. The JSON form is also what "
              + "POST /v1/score accepts as an inline scorecard and what PUT takes.")
  @APIResponse(
      responseCode = "200",
      description = "The scorecard",
      headers =
          @Header(
              name = "ETag",
              description = "The version, for If-Match",
              schema = @Schema(type = SchemaType.STRING)),
      content = @Content(schema = @Schema(implementation = ScorecardDefinition.class)))
  @APIResponse(responseCode = "404", description = "No such scorecard")
  public Response get(@PathParam("scorecardId") String scorecardId) throws SQLException {
    Scorecard current = scorecards.current(Tenants.current(), scorecardId);
    return Response.ok(ScorecardMapper.toDefinition(current)).tag(etag(current.version())).build();
  }

  @RequiresScope(Scope.ADMIN)
  @PUT
  @Extension(name = Idempotency.MARKER, value = "true")
  @Path("/scorecards/{scorecardId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "saveScorecardVersion",
      summary = "Save a new version of a scorecard",
      description =
          "Needs If-Match with the ETag of the version being replaced, so that two "
              + "editors never silently overwrite each other. Versions are immutable; scores name "
              + "the version that made them. Activates the version at once and starts a job that "
              + "re-scores every account with it (see the Link header).")
  @APIResponse(
      responseCode = "200",
      description = "The new version",
      headers = {
        @Header(
            name = "ETag",
            description = "The new version, for If-Match",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = "Link",
            description = "The recompute job: </v1/jobs/{id}>; " + "rel=\"monitor\"",
            schema = @Schema(type = SchemaType.STRING))
      },
      content = @Content(schema = @Schema(implementation = ScorecardDefinition.class)))
  @APIResponse(responseCode = "400", description = "Invalid scorecard; every invalid field named")
  @APIResponse(responseCode = "404", description = "No such scorecard")
  @APIResponse(
      responseCode = "412",
      description = "If-Match names a version that is no longer " + "current",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(responseCode = "428", description = "If-Match is missing")
  public Response update(
      @PathParam("scorecardId") String scorecardId,
      @Parameter(
              description = "ETag of the version this replaces, e.g. \"v3\" (or *).",
              required = true)
          @HeaderParam(HttpHeaders.IF_MATCH)
          String ifMatch,
      @RequestBody(
              content =
                  @Content(examples = @ExampleObject(name = "dear", value = Examples.SCORECARD)))
          ScorecardDefinition body)
      throws SQLException {
    if (ifMatch == null || ifMatch.isBlank()) {
      throw ApiProblem.preconditionRequired(
          "Send If-Match with the ETag of the version this "
              + "replaces (GET the scorecard to read it)");
    }
    Scorecards.Saved saved =
        scorecards.update(
            Tenants.current(), scorecardId, expectedVersion(ifMatch), body, recomputes);
    return Response.ok(ScorecardMapper.toDefinition(saved.scorecard()))
        .tag(etag(saved.scorecard().version()))
        .header(HttpHeaders.LINK, jobLink(saved.recomputeJob()))
        .build();
  }

  @RequiresScope(Scope.ADMIN)
  @POST
  @Path("/scorecards/{scorecardId}/preview")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "previewScorecard",
      summary = "Preview a draft over the whole portfolio",
      description =
          "Scores every account with the draft (from one consistent snapshot) and compares with the"
              + " scores in force: accounts and ARR per band before and after, and the accounts"
              + " whose band changes, paged by account id. Writes nothing. The scorecard need not"
              + " exist yet (every account then starts as unscored).")
  @APIResponse(
      responseCode = "200",
      description = "The comparison",
      content = @Content(schema = @Schema(implementation = ScorecardPreview.Result.class)))
  @APIResponse(responseCode = "400", description = "Invalid draft or parameter")
  public ScorecardPreview.Result preview(
      @PathParam("scorecardId") String scorecardId,
      @Parameter(
              description = "Changed accounts per page, 1-500 (default 50).",
              schema =
                  @Schema(
                      type = SchemaType.INTEGER,
                      minimum = "1",
                      maximum = "500",
                      defaultValue = "50"))
          @QueryParam("limit")
          String limit,
      @Parameter(description = "nextCursor of the previous page.") @QueryParam("cursor")
          String cursor,
      @RequestBody(
              content =
                  @Content(examples = @ExampleObject(name = "dear", value = Examples.SCORECARD)))
          ScorecardDefinition body)
      throws SQLException {
    String tenant = Tenants.current();
    return preview.preview(
        tenant,
        scorecards.draft(tenant, scorecardId, body),
        cursor,
        limits.pageSize(limit, 50, 500));
  }

  @RequiresScope(Scope.HEALTH_READ)
  @GET
  @Path("/scorecards/{scorecardId}/versions")
  @Operation(
      operationId = "listScorecardVersions",
      description =
          "Every saved version with when it was created and which one is current. Versions are"
              + " immutable, and every score names the version that made it.",
      summary = "List a scorecard's versions, newest first")
  @APIResponse(responseCode = "200", description = "The versions")
  @APIResponse(responseCode = "404", description = "No such scorecard")
  public Page<VersionSummary> versions(
      @PathParam("scorecardId") String scorecardId, @BeanParam PageRequest page)
      throws SQLException {
    return page.of(
        scorecards.versions(Tenants.current(), scorecardId).stream()
            .map(v -> new VersionSummary(v.version(), v.createdAt(), v.current()))
            .toList(),
        v -> Integer.toString(v.version()),
        limits);
  }

  @RequiresScope(Scope.HEALTH_READ)
  @GET
  @Path("/scorecards/{scorecardId}/versions/{version}")
  @Operation(
      operationId = "getScorecardVersion",
      summary = "Read one version of a scorecard",
      description = "Every version stays readable, so any past score can be explained.")
  @APIResponse(
      responseCode = "200",
      description = "The version",
      content = @Content(schema = @Schema(implementation = ScorecardDefinition.class)))
  @APIResponse(responseCode = "404", description = "No such scorecard or version")
  public ScorecardDefinition version(
      @PathParam("scorecardId") String scorecardId,
      @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @PathParam("version")
          String version)
      throws SQLException {
    int number;
    try {
      number = Integer.parseInt(version);
    } catch (NumberFormatException e) {
      throw ApiProblem.notFound("No version " + version + " of scorecard " + scorecardId);
    }
    return ScorecardMapper.toDefinition(scorecards.version(Tenants.current(), scorecardId, number));
  }

  @RequiresScope(Scope.HEALTH_READ)
  @GET
  @Path("/engines")
  @Operation(
      operationId = "listEngines",
      summary = "List the weighting engines",
      description =
          "The engines a scorecard can name in its engine field, with the settings "
              + "each reads from engineSettings. A jar on the classpath can add engines "
              + "(java.util.ServiceLoader, interface io.healthscore.scoring.WeightingEngine).")
  @APIResponse(responseCode = "200", description = "The engines, sorted by id")
  public Page<EngineView> engines(@BeanParam PageRequest page) {
    return page.of(
        scorecards.engines().stream().map(EngineView::of).toList(), EngineView::id, limits);
  }

  /** Where to watch the recompute a save started (rel "monitor", RFC 5989). */
  static String jobLink(long jobId) {
    return "</v1/jobs/" + jobId + ">; rel=\"monitor\"";
  }

  /** Strong ETag of a version: "v3". */
  static String etag(int version) {
    return "v" + version;
  }

  /** The version If-Match names; null for "*" (any). A tag naming no version matches none. */
  static Integer expectedVersion(String ifMatch) {
    String tag = ifMatch.trim();
    if (tag.equals("*")) {
      return null;
    }
    if (tag.matches("\"v[0-9]{1,9}\"")) {
      return Integer.parseInt(tag.substring(2, tag.length() - 1));
    }
    return 0; // weak or malformed tags never match a version: 412
  }

  @Schema(name = "ScorecardSummary")
  public record ScorecardSummary(
      @Schema(example = "default") String id,
      @Schema(example = "Customer health") String name,
      @Schema(description = "Current version.", example = "3") int version,
      @Schema(example = "weighted_mean") String engine,
      @Schema(description = "Segment ids, in the order they are tried.") List<String> segments) {

    static ScorecardSummary of(Scorecard s) {
      return new ScorecardSummary(
          s.id(),
          s.name(),
          s.version(),
          s.engine(),
          s.segments().stream().map(Segment::id).toList());
    }
  }

  @Schema(name = "ScorecardVersion")
  public record VersionSummary(
      @Schema(example = "3") int version,
      Instant createdAt,
      @Schema(description = "Whether this is the version in force.") boolean current) {}

  @Schema(name = "Engine")
  public record EngineView(
      @Schema(example = "critical_gated") String id,
      @Schema(
              example =
                  "Weighted arithmetic mean, capped at the top of the red band when any "
                      + "measure marked critical is red on its own.")
          String description,
      List<ParameterView> parameters) {

    static EngineView of(WeightingEngine engine) {
      return new EngineView(
          engine.id(),
          engine.description(),
          engine.parameters().stream()
              .map(p -> new ParameterView(p.name(), p.required(), p.description()))
              .toList());
    }
  }

  @Schema(name = "EngineParameter")
  public record ParameterView(
      @Schema(example = "formula") String name, boolean required, String description) {}
}
