package io.healthscore.analytics;

import io.healthscore.common.ApiProblem;
import io.healthscore.common.Examples;
import io.healthscore.common.QueryParams;
import io.healthscore.health.HealthResource;
import io.healthscore.health.ScorecardDefinition;
import io.healthscore.health.Scorecards;
import io.healthscore.security.RequiresScope;
import io.healthscore.security.Scope;
import io.healthscore.security.Tenants;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/analytics")
@Tag(name = "Analytics", description = "Retention figures and whether the score predicts churn")
@Produces(MediaType.APPLICATION_JSON)
public class AnalyticsResource {

  private final Analytics analytics;
  private final Forecast forecast;
  private final Scorecards scorecards;
  private final ScorecardDrafts drafts;

  public AnalyticsResource(
      Analytics analytics, Forecast forecast, Scorecards scorecards, ScorecardDrafts drafts) {
    this.analytics = analytics;
    this.forecast = forecast;
    this.scorecards = scorecards;
    this.drafts = drafts;
  }

  @GET
  @Path("/forecast")
  @RequiresScope(Scope.HEALTH_READ)
  @Operation(
      operationId = "getForecast",
      summary = "Expected retained ARR from today's scores",
      description =
          "Sum of ARR x P(renew | score) over the accounts whose renewal falls within the period"
              + " (accounts without a renewal date count when the period is a year or more); the"
              + " others keep their ARR. P comes from a logistic fit of churn on the score 90 days"
              + " before each recorded outcome, or from the bands' churn rates when there are fewer"
              + " than 10 churned or 10 retained outcomes. Per currency and segment.")
  @APIResponse(
      responseCode = "200",
      description = "The forecast",
      content = @Content(schema = @Schema(implementation = ForecastReport.class)))
  @APIResponse(responseCode = "400", description = "Invalid period")
  @APIResponse(responseCode = "404", description = "No such scorecard")
  public ForecastReport forecast(
      @Parameter(
              description = "Period from today, in days or weeks (default P365D).",
              example = "P365D",
              schema = @Schema(type = SchemaType.STRING, format = "duration"))
          @QueryParam("period")
          String period,
      @Parameter(description = "Scorecard id (default: default).") @QueryParam("scorecard")
          String scorecard,
      @Parameter(description = "Segment attribute to group by.", example = "plan")
          @QueryParam("groupBy")
          String groupBy)
      throws SQLException {
    return forecast.forecast(
        Tenants.current(),
        HealthResource.scorecardOrDefault(scorecard),
        QueryParams.duration("period", period, Duration.ofDays(365)),
        QueryParams.attributeName("groupBy", groupBy));
  }

  @GET
  @Path("/retention")
  @RequiresScope(Scope.HEALTH_READ)
  @Operation(
      operationId = "getRetention",
      summary = "GRR, NRR, churn, expansion, ARPA and lifetime value over a period",
      description =
          "From the outcomes recorded in [from, to): the starting cohort is every "
              + "account paying at `from` (its ARR before its first outcome since then, else its "
              + "ARR now). Per currency; with groupBy, also per value of that segment attribute.")
  @APIResponse(
      responseCode = "200",
      description = "The figures",
      content = @Content(schema = @Schema(implementation = RetentionReport.class)))
  @APIResponse(responseCode = "400", description = "Invalid dates")
  public RetentionReport retention(
      @Parameter(
              description = "First day (default: a year before to).",
              example = "2025-11-01",
              schema = @Schema(type = SchemaType.STRING, format = "date"))
          @QueryParam("from")
          String from,
      @Parameter(
              description = "Day after the last (default: tomorrow).",
              example = "2026-11-01",
              schema = @Schema(type = SchemaType.STRING, format = "date"))
          @QueryParam("to")
          String to,
      @Parameter(description = "Segment attribute to group by, e.g. plan.", example = "plan")
          @QueryParam("groupBy")
          String groupBy)
      throws SQLException {
    LocalDate end = QueryParams.date("to", to, LocalDate.now(ZoneOffset.UTC).plusDays(1));
    LocalDate start = QueryParams.date("from", from, end.minusYears(1));
    return analytics.retention(
        Tenants.current(), start, end, QueryParams.attributeName("groupBy", groupBy));
  }

  @GET
  @Path("/calibration")
  @Produces({MediaType.APPLICATION_JSON, CalibrationChart.MEDIA_TYPE})
  @RequiresScope(Scope.HEALTH_READ)
  @Operation(
      operationId = "getCalibration",
      summary = "Does the score predict churn?",
      description =
          "For each renewal decision (renewed, expanded, contracted, churned) the account's score"
              + " `horizon` before it, recomputed from the signals observed by then (no"
              + " look-ahead; accounts without a score then are counted as excluded): churn per"
              + " band with 95 % intervals, ROC AUC with its interval, the same with shuffled"
              + " outcomes, the red band's lift, churn by score decile and the ROC curve. Measures"
              + " the current version, or a past `version`, or a `draft`, so that versions can be"
              + " compared on the same outcomes before one is activated. With Accept:"
              + " image/svg+xml, the same report as a chart.")
  @APIResponse(
      responseCode = "200",
      description = "The calibration",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CalibrationReport.class)),
        @Content(
            mediaType = CalibrationChart.MEDIA_TYPE,
            schema = @Schema(type = SchemaType.STRING))
      })
  @APIResponse(responseCode = "400", description = "Invalid horizon, dates, version or draft")
  @APIResponse(responseCode = "404", description = "No such scorecard, version or draft")
  public Response calibration(
      @Parameter(description = "Scorecard id (default: default).", example = "default")
          @QueryParam("scorecard")
          String scorecard,
      @Parameter(
              description = "A past version to measure instead of the current one.",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
          @QueryParam("version")
          String version,
      @Parameter(
              description = "A draft to measure instead of the current version.",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
          @QueryParam("draft")
          String draft,
      @BeanParam DecisionWindow window,
      @Context HttpHeaders headers)
      throws SQLException {
    String tenant = Tenants.current();
    String id = HealthResource.scorecardOrDefault(scorecard);
    if (version != null && draft != null) {
      throw ApiProblem.invalid("draft", "give either version or draft, not both");
    }
    Analytics.Measured measured;
    if (version != null) {
      Integer v = QueryParams.integer("version", version, 1, Integer.MAX_VALUE);
      measured = new Analytics.Measured(scorecards.version(tenant, id, v), "version", null);
    } else if (draft != null) {
      Integer d = QueryParams.integer("draft", draft, 1, Integer.MAX_VALUE);
      ScorecardDrafts.Draft found = drafts.find(tenant, id, d);
      measured =
          new Analytics.Measured(
              scorecards.draft(tenant, id, found.definition()), "draft", found.id());
    } else {
      measured = new Analytics.Measured(scorecards.catalog(tenant).get(id), "current", null);
    }
    return reply(analytics.calibration(tenant, measured, window), headers);
  }

  @POST
  @Path("/calibration")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces({MediaType.APPLICATION_JSON, CalibrationChart.MEDIA_TYPE})
  @RequiresScope(Scope.HEALTH_READ)
  @Operation(
      operationId = "getCalibrationOfScorecard",
      summary = "Would this scorecard have predicted churn?",
      description =
          "The calibration report (as GET /v1/analytics/calibration) of a scorecard sent in the"
              + " body, on the tenant's outcomes: measure an edit before saving it. Writes"
              + " nothing.")
  @APIResponse(
      responseCode = "200",
      description = "The calibration",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CalibrationReport.class)),
        @Content(
            mediaType = CalibrationChart.MEDIA_TYPE,
            schema = @Schema(type = SchemaType.STRING))
      })
  @APIResponse(responseCode = "400", description = "Invalid scorecard, horizon or dates")
  public Response calibrationOf(
      @BeanParam DecisionWindow window,
      @Context HttpHeaders headers,
      @RequestBody(
              required = true,
              content =
                  @Content(examples = @ExampleObject(name = "dear", value = Examples.SCORECARD)))
          ScorecardDefinition body)
      throws SQLException {
    if (body == null) {
      throw ApiProblem.invalid("body", "a scorecard is required");
    }
    String tenant = Tenants.current();
    String id = body.id() == null ? "inline" : body.id();
    Analytics.Measured measured =
        new Analytics.Measured(scorecards.draft(tenant, id, body), "inline", null);
    return reply(analytics.calibration(tenant, measured, window), headers);
  }

  /** JSON, or the chart when the caller prefers SVG. */
  private static Response reply(CalibrationReport report, HttpHeaders headers) {
    for (MediaType accepted : headers.getAcceptableMediaTypes()) {
      if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
        break;
      }
      if (accepted.isCompatible(MediaType.valueOf(CalibrationChart.MEDIA_TYPE))) {
        return Response.ok(CalibrationChart.svg(report), CalibrationChart.MEDIA_TYPE).build();
      }
    }
    return Response.ok(report, MediaType.APPLICATION_JSON).build();
  }
}
