package io.healthscore.portfolio;

import io.healthscore.common.ApiProblem;
import io.healthscore.common.Limits;
import io.healthscore.common.Page;
import io.healthscore.common.PageRequest;
import io.healthscore.common.QueryParams;
import io.healthscore.health.AccountStatus;
import io.healthscore.health.HealthResource;
import io.healthscore.health.Scorecards;
import io.healthscore.security.RequiresScope;
import io.healthscore.security.Scope;
import io.healthscore.security.Tenants;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/portfolio")
@Tag(
    name = "Portfolio",
    description =
        "The money at stake: bands and ARR, movers, renewals, "
            + "trends, drivers and relationship gaps")
@Produces(MediaType.APPLICATION_JSON)
public class PortfolioResource {

  private final Portfolio portfolio;
  private final Scorecards scorecards;
  private final Limits limits;
  private final CoverageRules coverageRules;

  public PortfolioResource(
      Portfolio portfolio, Scorecards scorecards, Limits limits, CoverageRules coverageRules) {
    this.portfolio = portfolio;
    this.scorecards = scorecards;
    this.limits = limits;
    this.coverageRules = coverageRules;
  }

  @GET
  @Path("/summary")
  @RequiresScope(Scope.HEALTH_READ)
  @Operation(
      operationId = "getPortfolioSummary",
      summary = "Accounts and ARR per band, ARR at risk, mean score, coverage",
      description =
          "ARR at risk is the ARR of red and yellow accounts. With groupBy, the same "
              + "per value of that segment attribute.")
  @APIResponse(
      responseCode = "200",
      description = "The summary",
      content = @Content(schema = @Schema(implementation = PortfolioViews.Summary.class)))
  @APIResponse(responseCode = "404", description = "No such scorecard")
  public PortfolioViews.Summary summary(
      @Parameter(description = "Scorecard id (default: default).") @QueryParam("scorecard")
          String scorecard,
      @Parameter(description = "Segment attribute to group by.", example = "plan")
          @QueryParam("groupBy")
          String groupBy,
      @BeanParam AccountStatus.Param status)
      throws SQLException {
    return portfolio.summary(
        Tenants.current(),
        scorecard(scorecard),
        QueryParams.attributeName("groupBy", groupBy),
        status.status());
  }

  @GET
  @Path("/movers")
  @RequiresScope(Scope.HEALTH_READ)
  @Operation(
      operationId = "getMovers",
      summary = "Climbers, fallers and band changes since a time ago",
      description =
          "Each account's latest score against its latest score as of `since` ago, "
              + "with the measures whose contribution moved most.")
  @APIResponse(
      responseCode = "200",
      description = "The movers",
      content = @Content(schema = @Schema(implementation = PortfolioViews.Movers.class)))
  @APIResponse(responseCode = "400", description = "Invalid since or limit")
  @APIResponse(responseCode = "404", description = "No such scorecard")
  public PortfolioViews.Movers movers(
      @Parameter(
              description = "How far back (default P30D).",
              example = "P30D",
              schema = @Schema(type = SchemaType.STRING, format = "duration"))
          @QueryParam("since")
          String since,
      @Parameter(
              description = "Accounts per list, 1-100 (default 10).",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
          @QueryParam("limit")
          String limit,
      @Parameter(description = "Scorecard id (default: default).") @QueryParam("scorecard")
          String scorecard,
      @BeanParam AccountStatus.Param status)
      throws SQLException {
    return portfolio.movers(
        Tenants.current(),
        scorecard(scorecard),
        QueryParams.duration("since", since, Duration.ofDays(30)),
        limits.pageSize(limit, 10, 100),
        status.status());
  }

  @GET
  @Path("/renewals")
  @RequiresScope(Scope.HEALTH_READ)
  @Operation(
      operationId = "getRenewals",
      summary = "Renewals due soon, riskiest ARR first",
      description =
          "Accounts whose renewal date falls within the period from today: red "
              + "first, then yellow, unknown and green, each by ARR, largest first.")
  @APIResponse(responseCode = "200", description = "The renewals")
  @APIResponse(responseCode = "400", description = "Invalid within, limit or cursor")
  @APIResponse(responseCode = "404", description = "No such scorecard")
  public Page<PortfolioViews.Renewal> renewals(
      @Parameter(
              description = "Period from today (default P90D).",
              example = "P90D",
              schema = @Schema(type = SchemaType.STRING, format = "duration"))
          @QueryParam("within")
          String within,
      @Parameter(description = "Scorecard id (default: default).") @QueryParam("scorecard")
          String scorecard,
      @BeanParam PageRequest page,
      @BeanParam AccountStatus.Param status)
      throws SQLException {
    Duration period = QueryParams.duration("within", within, Duration.ofDays(90));
    return portfolio.renewals(
        Tenants.current(),
        scorecard(scorecard),
        (int) period.toDays(),
        page.limit(limits),
        page.cursor(),
        status.status());
  }

  @GET
  @Path("/trend")
  @RequiresScope(Scope.HEALTH_READ)
  @Operation(
      operationId = "getTrend",
      summary = "Accounts and ARR per band over time, from history",
      description =
          "At the end of each of the last `points` intervals, every account as its "
              + "latest score then placed it.")
  @APIResponse(
      responseCode = "200",
      description = "The trend, oldest first",
      content = @Content(schema = @Schema(implementation = PortfolioViews.Trend.class)))
  @APIResponse(responseCode = "400", description = "Invalid interval or points")
  @APIResponse(responseCode = "404", description = "No such scorecard")
  public PortfolioViews.Trend trend(
      @Parameter(
              description = "day, week (default) or month (30 days).",
              schema = @Schema(enumeration = {"day", "week", "month"}))
          @QueryParam("interval")
          String interval,
      @Parameter(
              description = "Intervals, 1-52 (default 12).",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
          @QueryParam("points")
          String points,
      @Parameter(description = "Scorecard id (default: default).") @QueryParam("scorecard")
          String scorecard,
      @BeanParam AccountStatus.Param status)
      throws SQLException {
    String unit = interval == null ? "week" : interval;
    Duration step =
        switch (unit) {
          case "day" -> Duration.ofDays(1);
          case "week" -> Duration.ofDays(7);
          case "month" -> Duration.ofDays(30);
          default -> throw ApiProblem.invalid("interval", "must be day, week or month");
        };
    Integer count = QueryParams.integer("points", points, 1, 52);
    int n = count == null ? 12 : count.intValue();
    Instant now = Instant.now();
    List<Instant> ends = new ArrayList<>();
    for (int i = n - 1; i >= 0; i--) {
      ends.add(now.minus(step.multipliedBy(i)));
    }
    return portfolio.trend(Tenants.current(), scorecard(scorecard), unit, ends, status.status());
  }

  @GET
  @Path("/matrix")
  @RequiresScope(Scope.HEALTH_READ)
  @Operation(
      operationId = "getMatrix",
      summary = "Accounts on a loyalty x revenue grid",
      description =
          "Loyalty is the score (default, high from 70) or the NPS (an nps signal, "
              + "else the NPS of the last year's nps_response answers; high from 30); revenue is "
              + "high from the median ARR unless arrThreshold is given. Cells: protect, nurture, "
              + "fix, grow.")
  @APIResponse(
      responseCode = "200",
      description = "The grid",
      content = @Content(schema = @Schema(implementation = PortfolioViews.Matrix.class)))
  @APIResponse(responseCode = "400", description = "Invalid loyalty or thresholds")
  @APIResponse(responseCode = "404", description = "No such scorecard")
  public PortfolioViews.Matrix matrix(
      @Parameter(schema = @Schema(enumeration = {"score", "nps"})) @QueryParam("loyalty")
          String loyalty,
      @Parameter(
              description = "Loyalty from which an account counts as loyal.",
              schema = @Schema(type = SchemaType.NUMBER))
          @QueryParam("loyaltyThreshold")
          String loyaltyThreshold,
      @Parameter(
              description = "ARR from which an account counts as high revenue.",
              schema = @Schema(type = SchemaType.NUMBER, minimum = "0"))
          @QueryParam("arrThreshold")
          String arrThreshold,
      @Parameter(description = "Scorecard id (default: default).") @QueryParam("scorecard")
          String scorecard,
      @BeanParam AccountStatus.Param status)
      throws SQLException {
    String axis = loyalty == null ? "score" : loyalty;
    if (!axis.equals("score") && !axis.equals("nps")) {
      throw ApiProblem.invalid("loyalty", "must be score or nps");
    }
    Double arr = QueryParams.number("arrThreshold", arrThreshold, 0, 1e12);
    return portfolio.matrix(
        Tenants.current(),
        scorecard(scorecard),
        axis,
        QueryParams.number("loyaltyThreshold", loyaltyThreshold, -100, 100),
        arr == null ? null : BigDecimal.valueOf(arr),
        status.status());
  }

  @GET
  @Path("/drivers")
  @RequiresScope(Scope.HEALTH_READ)
  @Operation(
      operationId = "getDrivers",
      summary = "Measures ranked by the score points they cost",
      description =
          "Per measure, effectiveWeight x (100 - normalised) over the accounts where "
              + "it had data: the mean per account, and weighted by ARR, so that a problem that "
              + "only hurts big accounts ranks high in the second list. (ARR amounts are used as "
              + "given, whatever their currency.)")
  @APIResponse(
      responseCode = "200",
      description = "Both rankings",
      content = @Content(schema = @Schema(implementation = PortfolioViews.Drivers.class)))
  @APIResponse(responseCode = "404", description = "No such scorecard")
  public PortfolioViews.Drivers drivers(
      @Parameter(
              description = "Measures per list, 1-50 (default 10).",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
          @QueryParam("limit")
          String limit,
      @Parameter(description = "Scorecard id (default: default).") @QueryParam("scorecard")
          String scorecard,
      @BeanParam AccountStatus.Param status)
      throws SQLException {
    return portfolio.drivers(
        Tenants.current(), scorecard(scorecard), limits.pageSize(limit, 10, 50), status.status());
  }

  @GET
  @Path("/coverage-gaps")
  @RequiresScope(Scope.HEALTH_READ)
  @Operation(
      operationId = "getCoverageGaps",
      summary = "Accounts short of the relationships their ARR needs",
      description =
          "Engaged contacts by role (the newest decision_maker_contacts, influencer_contacts and"
              + " user_contacts signals) against what the account's ARR tier requires"
              + " (healthscore.coverage.tiers), or no touchpoint for longer than"
              + " healthscore.coverage.max-days-without-touch (days_since_last_touch, aged to"
              + " today). Biggest ARR first.")
  @APIResponse(responseCode = "200", description = "The gaps, largest ARR first")
  public Page<PortfolioViews.CoverageGap> coverageGaps(
      @BeanParam PageRequest page, @BeanParam AccountStatus.Param status) throws SQLException {
    // Computed over every account in memory (the rules compare several signals per account):
    // pages are slices of that ordered list.
    return page.of(
        portfolio.coverageGaps(Tenants.current(), coverageRules, status.status()),
        PortfolioViews.CoverageGap::accountId,
        limits);
  }

  private String scorecard(String scorecard) throws SQLException {
    String id = HealthResource.scorecardOrDefault(scorecard);
    scorecards.catalog(Tenants.current()).get(id); // 404 when unknown
    return id;
  }
}
