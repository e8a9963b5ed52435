package io.healthscore.health;

import com.fasterxml.jackson.databind.util.RawValue;
import io.healthscore.common.ApiProblem;
import io.healthscore.common.Examples;
import io.healthscore.common.Ids;
import io.healthscore.common.Page;
import io.healthscore.common.Problem;
import io.healthscore.common.QueryParams;
import io.healthscore.health.HealthQueries.Filter;
import io.healthscore.health.HealthQueries.Sort;
import io.healthscore.security.RequiresScope;
import io.healthscore.security.Scope;
import io.healthscore.security.Tenants;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1")
@Tag(name = "Health", description = "Latest scores, history and the portfolio list")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

  @jakarta.inject.Inject io.healthscore.common.Limits limits;

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;
  private static final Set<String> BANDS = Set.of("red", "yellow", "green", "unknown");

  private final HealthService service;
  private final HealthQueries queries;
  private final Scorecards scorecards;
  private final ScoreForms forms;

  public HealthResource(
      HealthService service, HealthQueries queries, Scorecards scorecards, ScoreForms forms) {
    this.service = service;
    this.forms = forms;
    this.queries = queries;
    this.scorecards = scorecards;
  }

  @RequiresScope(Scope.HEALTH_READ)
  @GET
  @Path("/accounts/{accountId}/health")
  @Operation(
      operationId = "getAccountHealth",
      summary = "Read an account's latest score with its breakdown",
      description = "Supports If-None-Match with the returned ETag (304 when unchanged).")
  @APIResponse(
      responseCode = "200",
      description = "The latest score",
      headers =
          @Header(
              name = "ETag",
              description = "Changes with every new score",
              schema = @Schema(type = SchemaType.STRING)),
      content = @Content(schema = @Schema(implementation = HealthView.class)))
  @APIResponse(responseCode = "304", description = "Unchanged since the given ETag")
  @APIResponse(responseCode = "400", description = "Invalid account id")
  @APIResponse(
      responseCode = "404",
      description = "No such account",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class),
              examples = @ExampleObject(name = "unknown", value = Examples.NOT_FOUND_PROBLEM)))
  public Uni<Response> latest(
      @PathParam("accountId") @Pattern(regexp = Ids.ACCOUNT_ID, message = Ids.ACCOUNT_ID_MESSAGE)
          String accountId,
      @Parameter(
              description = "Scorecard id (default: the default scorecard).",
              example = "default")
          @QueryParam("scorecard")
          String scorecard,
      @Parameter(description = "ETag of the score the client has.")
          @HeaderParam(HttpHeaders.IF_NONE_MATCH)
          String ifNoneMatch,
      @BeanParam ScoreDetail.Param view) {
    String tenant = Tenants.current();
    String scorecardId = scorecardOrDefault(scorecard);
    ScoreDetail detail = view.detail();
    // A cached score is answered on the I/O thread; only a database read goes to a worker.
    StoredScore cached = service.cached(tenant, accountId, scorecardId);
    if (cached != null) {
      return Uni.createFrom().item(respond(scorecardId, cached, ifNoneMatch, detail));
    }
    return Uni.createFrom()
        .<StoredScore>emitter(
            emitter -> {
              try {
                emitter.complete(service.latest(tenant, accountId, scorecardId));
              } catch (Exception e) {
                emitter.fail(e);
              }
            })
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
        .map(stored -> respond(scorecardId, stored, ifNoneMatch, detail));
  }

  public static String scorecardOrDefault(String scorecard) {
    if (scorecard == null || scorecard.isEmpty()) {
      return Scorecards.DEFAULT_ID;
    }
    if (scorecard.length() > 64) {
      throw ApiProblem.invalid("scorecard", "must be a scorecard id (at most 64 characters)");
    }
    return scorecard;
  }

  private Response respond(
      String scorecardId, StoredScore stored, String ifNoneMatch, ScoreDetail detail) {
    // Each view is a representation of its own (RFC 9110): its own tag.
    String etag =
        "\""
            + scorecardId
            + "."
            + stored.sequence()
            + (detail == ScoreDetail.SUMMARY ? ".summary" : "")
            + "\"";
    if (matches(ifNoneMatch, etag)) {
      return Response.notModified().header(HttpHeaders.ETAG, etag).build();
    }
    return Response.ok(forms.in(detail, stored.json()), MediaType.APPLICATION_JSON_TYPE)
        .header(HttpHeaders.ETAG, etag)
        .build();
  }

  /** RFC 9110 If-None-Match: weak comparison against a list of tags, or "*". */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String tag : ifNoneMatch.split(",")) {
      String candidate = tag.trim();
      if (candidate.startsWith("W/")) {
        candidate = candidate.substring(2);
      }
      if (candidate.equals("*") || candidate.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  @RequiresScope(Scope.HEALTH_READ)
  @GET
  @Path("/accounts/{accountId}/health/history")
  @Operation(
      operationId = "getAccountHealthHistory",
      summary = "Read an account's score history, newest first",
      description = "Keyset-paginated: pass nextCursor as cursor for the next page.")
  @APIResponse(
      responseCode = "200",
      description = "One page of history",
      content = @Content(schema = @Schema(implementation = HealthPage.class)))
  @APIResponse(responseCode = "400", description = "Invalid parameter")
  @APIResponse(responseCode = "404", description = "No such account")
  public HealthPage history(
      @PathParam("accountId") @Pattern(regexp = Ids.ACCOUNT_ID, message = Ids.ACCOUNT_ID_MESSAGE)
          String accountId,
      @Parameter(
              description = "Scorecard id (default: the default scorecard).",
              example = "default")
          @QueryParam("scorecard")
          String scorecard,
      @Parameter(
              description = "Only scores computed at or after (ISO-8601 with offset).",
              example = "2026-11-01T00:00:00Z",
              schema = @Schema(type = SchemaType.STRING, format = "date-time"))
          @QueryParam("from")
          String from,
      @Parameter(
              description = "Only scores computed before (ISO-8601 with offset).",
              schema = @Schema(type = SchemaType.STRING, format = "date-time"))
          @QueryParam("to")
          String to,
      @Parameter(
              description = "Page size, 1-500 (default 50).",
              schema =
                  @Schema(
                      type = SchemaType.INTEGER,
                      minimum = "1",
                      maximum = "500",
                      defaultValue = "50"))
          @QueryParam("limit")
          String limit,
      @Parameter(description = "nextCursor of the previous page.") @QueryParam("cursor")
          String cursor)
      throws SQLException {
    String tenant = Tenants.current();
    Instant fromInstant = QueryParams.instant("from", from);
    Instant toInstant = QueryParams.instant("to", to);
    String scorecardId = scorecardOrDefault(scorecard);
    scorecards.catalog(tenant).get(scorecardId);
    Page<String> page =
        queries.history(
            tenant,
            accountId,
            scorecardId,
            fromInstant,
            toInstant,
            limits.pageSize(limit, DEFAULT_LIMIT, MAX_LIMIT),
            cursor);
    if (page.items().isEmpty()) {
      service.latest(
          tenant, accountId, scorecardId); // an empty page of an unknown account is a 404
    }
    return new HealthPage(
        page.items().stream().map(stored -> new RawValue(forms.apiJson(tenant, stored))).toList(),
        page.nextCursor());
  }

  @RequiresScope(Scope.HEALTH_READ)
  @GET
  @Path("/health")
  @Operation(
      operationId = "listHealth",
      summary = "List accounts' latest scores (portfolio)",
      description =
          "Filter by band, score range and segment attributes; sort by score or ARR "
              + "(default: riskiest first); keyset-paginated.")
  @APIResponse(
      responseCode = "200",
      description = "One page of accounts",
      content = @Content(schema = @Schema(implementation = HealthListPage.class)))
  @APIResponse(responseCode = "400", description = "Invalid parameter")
  @APIResponse(responseCode = "404", description = "No such scorecard")
  public Page<HealthListItem> list(
      @Parameter(
              description = "Scorecard id (default: the default scorecard).",
              example = "default")
          @QueryParam("scorecard")
          String scorecard,
      @Parameter(description = "Bands to include (repeatable): red, yellow, green, unknown.")
          @QueryParam("band")
          List<String> band,
      @Parameter(
              description = "Minimum score (0-100).",
              schema = @Schema(type = SchemaType.NUMBER, minimum = "0", maximum = "100"))
          @QueryParam("minScore")
          String minScore,
      @Parameter(
              description = "Maximum score (0-100).",
              schema = @Schema(type = SchemaType.NUMBER, minimum = "0", maximum = "100"))
          @QueryParam("maxScore")
          String maxScore,
      @Parameter(
              description =
                  "Segment attribute filter name:value (repeatable, all must " + "match).",
              example = "[\"plan:enterprise\"]")
          @QueryParam("segment")
          List<String> segment,
      @Parameter(
              description = "score, -score, arr or -arr.",
              schema =
                  @Schema(
                      enumeration = {"score", "-score", "arr", "-arr"},
                      defaultValue = "score"))
          @QueryParam("sort")
          @DefaultValue("score")
          String sort,
      @Parameter(
              description = "Page size, 1-500 (default 50).",
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
      @BeanParam AccountStatus.Param status)
      throws SQLException {
    for (String b : band) {
      if (!BANDS.contains(b)) {
        throw ApiProblem.invalid("band", "must be one of red, yellow, green, unknown");
      }
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    for (String s : segment) {
      int colon = s.indexOf(':');
      if (colon < 1) {
        throw ApiProblem.invalid("segment", "must be name:value, e.g. plan:enterprise");
      }
      attributes.put(s.substring(0, colon), s.substring(colon + 1));
    }
    Filter filter =
        new Filter(
            status.status(),
            band,
            QueryParams.number("minScore", minScore, 0, 100),
            QueryParams.number("maxScore", maxScore, 0, 100),
            attributes);
    String scorecardId = scorecardOrDefault(scorecard);
    scorecards.catalog(Tenants.current()).get(scorecardId);
    return queries.portfolio(
        Tenants.current(),
        scorecardId,
        filter,
        Sort.parse(sort),
        limits.pageSize(limit, DEFAULT_LIMIT, MAX_LIMIT),
        cursor);
  }

  @Schema(name = "HealthListPage")
  public record HealthListPage(
      List<HealthListItem> items,
      @Schema(description = "Opaque cursor for the next page; absent on the last page.")
          String nextCursor) {}
}
