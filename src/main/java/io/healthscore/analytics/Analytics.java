package io.healthscore.analytics;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthscore.common.ApiProblem;
import io.healthscore.common.Transactions;
import io.healthscore.scorecard.Scorecards;
import io.healthscore.scoring.AccountFacts;
import io.healthscore.scoring.DataNeed;
import io.healthscore.scoring.HealthResult;
import io.healthscore.scoring.Observation;
import io.healthscore.scoring.Scorecard;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Retention figures and calibration of the score against real outcomes. */
@ApplicationScoped
public class Analytics {

  static final long SHUFFLE_SEED = 20261124L;
  static final List<String> BANDS = List.of("red", "yellow", "green", "unknown");
  private static final Instant REFERENCE = Instant.parse("3000-01-01T00:00:00Z");

  private final Transactions transactions;
  private final AnalyticsStore store;
  private final Scorecards scorecards;
  private final ObjectMapper json;
  private final double grossMargin;

  public Analytics(
      Transactions transactions,
      AnalyticsStore store,
      Scorecards scorecards,
      ObjectMapper json,
      @ConfigProperty(name = "healthscore.analytics.gross-margin") double grossMargin) {
    this.transactions = transactions;
    this.store = store;
    this.scorecards = scorecards;
    this.json = json;
    this.grossMargin = grossMargin;
  }

  public RetentionReport retention(String tenantId, LocalDate from, LocalDate to, String groupBy)
      throws SQLException {
    if (!to.isAfter(from)) {
      throw ApiProblem.invalid("to", "must be after from");
    }
    record Data(List<AnalyticsStore.Member> cohort, List<AnalyticsStore.Movement> movements) {}
    Data data =
        transactions.inTenant(
            tenantId,
            c ->
                new Data(
                    store.cohort(c, tenantId, groupBy, from),
                    store.movements(c, tenantId, from, to)));
    long days = ChronoUnit.DAYS.between(from, to);
    Map<String, List<AnalyticsStore.Member>> byCurrency =
        Groups.byKey(data.cohort(), AnalyticsStore.Member::currency);
    data.movements().stream()
        .filter(m -> m.kind().equals("reactivated"))
        .forEach(m -> byCurrency.computeIfAbsent(m.currency(), k -> new ArrayList<>()));
    List<RetentionReport.CurrencyRetention> currencies = new ArrayList<>();
    for (Map.Entry<String, List<AnalyticsStore.Member>> entry : byCurrency.entrySet()) {
      String currency = entry.getKey();
      List<AnalyticsStore.Member> members = entry.getValue();
      List<AnalyticsStore.Movement> movements =
          data.movements().stream().filter(m -> currency.equals(m.currency())).toList();
      List<RetentionReport.SegmentFigures> segments = new ArrayList<>();
      if (groupBy != null) {
        Map<String, List<AnalyticsStore.Member>> bySegment =
            Groups.byKey(members, AnalyticsStore.Member::segment);
        bySegment.forEach(
            (value, group) ->
                segments.add(
                    new RetentionReport.SegmentFigures(
                        value, figures(group, movements, days, false))));
      }
      currencies.add(
          new RetentionReport.CurrencyRetention(
              currency, figures(members, movements, days, true), segments));
    }
    return new RetentionReport(from, to, groupBy, grossMargin, currencies);
  }

  /** The figures of a cohort; reactivations of any account count only in the overall figures. */
  RetentionReport.Figures figures(
      List<AnalyticsStore.Member> members,
      List<AnalyticsStore.Movement> movements,
      long days,
      boolean overall) {
    Set<String> ids = new HashSet<>();
    BigDecimal start = BigDecimal.ZERO;
    for (AnalyticsStore.Member m : members) {
      ids.add(m.accountId());
      start = start.add(m.startArr());
    }
    BigDecimal churned = BigDecimal.ZERO;
    BigDecimal contraction = BigDecimal.ZERO;
    BigDecimal expansion = BigDecimal.ZERO;
    BigDecimal reactivation = BigDecimal.ZERO;
    Set<String> churnedAccounts = new HashSet<>();
    Set<String> reactivatedAccounts = new HashSet<>();
    for (AnalyticsStore.Movement m : movements) {
      BigDecimal change = m.after().subtract(m.before());
      if (m.kind().equals("reactivated")) {
        if (overall) {
          reactivation = reactivation.add(change);
          reactivatedAccounts.add(m.accountId());
        }
        continue;
      }
      if (!ids.contains(m.accountId())) {
        continue;
      }
      switch (m.kind()) {
        case "churned" -> {
          churned = churned.add(change.negate());
          churnedAccounts.add(m.accountId());
        }
        case "contracted" -> contraction = contraction.add(change.negate());
        case "expanded" -> expansion = expansion.add(change);
        default -> {} // renewed: ARR unchanged
      }
    }
    int accounts = members.size();
    Double grr = ratio(start.subtract(churned).subtract(contraction), start);
    Double nrr = ratio(start.subtract(churned).subtract(contraction).add(expansion), start);
    Double revenueChurn = ratio(churned.add(contraction), start);
    BigDecimal arpa =
        accounts == 0 ? null : start.divide(BigDecimal.valueOf(accounts), 2, RoundingMode.HALF_UP);
    BigDecimal lifetime = null;
    if (arpa != null && revenueChurn != null && revenueChurn > 0 && days > 0) {
      // The period's churn as a yearly rate: 1 - (1 - r)^(365 / days), from the exact rate.
      double rate = churned.add(contraction).doubleValue() / start.doubleValue();
      double annual = 1 - Math.pow(1 - Math.min(rate, 0.9999), 365.0 / days);
      lifetime =
          arpa.multiply(BigDecimal.valueOf(grossMargin))
              .divide(BigDecimal.valueOf(annual), 2, RoundingMode.HALF_UP);
    }
    return new RetentionReport.Figures(
        accounts,
        start,
        churnedAccounts.size(),
        churned,
        contraction,
        expansion,
        reactivatedAccounts.size(),
        reactivation,
        grr,
        nrr,
        accounts == 0 ? null : CalibrationStats.round((double) churnedAccounts.size() / accounts),
        revenueChurn,
        arpa,
        lifetime);
  }

  private static Double ratio(BigDecimal part, BigDecimal whole) {
    return whole.signum() == 0
        ? null
        : CalibrationStats.round(part.doubleValue() / whole.doubleValue());
  }

  /** A renewal decision with the account's result as of horizon before it (null: no data). */
  record PointInTime(AnalyticsStore.Decision decision, HealthResult result) {}

  /** Every decision in [from, to), scored as of horizon before it: nothing later is read. */
  List<PointInTime> pointInTime(
      String tenantId, Scorecard scorecard, Duration horizon, LocalDate from, LocalDate to)
      throws SQLException {
    Map<String, DataNeed> needs = DataNeed.of(scorecard, REFERENCE);
    record Read(
        List<AnalyticsStore.Decision> decisions,
        List<Instant> instants,
        Map<Integer, List<Observation>> observations) {}
    Read data =
        transactions.inTenant(
            tenantId,
            c -> {
              List<AnalyticsStore.Decision> decisions = store.decisions(c, tenantId, from, to);
              List<Instant> instants =
                  decisions.stream()
                      .map(d -> d.date().atStartOfDay(ZoneOffset.UTC).toInstant().minus(horizon))
                      .toList();
              List<String> accounts =
                  decisions.stream().map(AnalyticsStore.Decision::accountId).toList();
              return new Read(
                  decisions,
                  instants,
                  decisions.isEmpty()
                      ? Map.of()
                      : store.observationsAt(
                          c, tenantId, accounts, instants, needs.values(), REFERENCE));
            });
    List<PointInTime> scored = new ArrayList<>();
    for (int i = 0; i < data.decisions().size(); i++) {
      AnalyticsStore.Decision decision = data.decisions().get(i);
      List<Observation> observations = data.observations().getOrDefault(i, List.of());
      HealthResult result =
          observations.isEmpty()
              ? null
              : scorecards
                  .scorer()
                  .score(scorecard, facts(decision), observations, data.instants().get(i), null);
      scored.add(
          new PointInTime(decision, result == null || result.score() == null ? null : result));
    }
    return scored;
  }

  /** The decisions that had a score by then, as (score, band, churned). */
  static List<CalibrationStats.Sample> samples(List<PointInTime> scored) {
    return scored.stream()
        .filter(p -> p.result() != null)
        .map(
            p ->
                new CalibrationStats.Sample(
                    p.result().score(), p.result().band().wireName(), p.decision().churned()))
        .toList();
  }

  public CalibrationReport calibration(
      String tenantId, String scorecardId, Duration horizon, LocalDate from, LocalDate to)
      throws SQLException {
    Scorecard scorecard = scorecards.catalog(tenantId).get(scorecardId);
    List<PointInTime> scored = pointInTime(tenantId, scorecard, horizon, from, to);
    List<CalibrationStats.Sample> samples = samples(scored);
    int excluded = scored.size() - samples.size();
    Map<String, CalibrationStats.Rate> bands = new LinkedHashMap<>();
    for (String band : BANDS) {
      bands.put(band, CalibrationStats.rate(only(samples, s -> s.band().equals(band))));
    }
    CalibrationStats.Rate overall = CalibrationStats.rate(samples);
    Double red = bands.get("red").churnRate();
    Double lift =
        red == null || overall.churnRate() == null || overall.churnRate() == 0
            ? null
            : CalibrationStats.round(red / overall.churnRate());
    List<CalibrationReport.Decile> reliability = new ArrayList<>();
    List<List<CalibrationStats.Sample>> deciles = CalibrationStats.deciles(samples);
    for (int d = 0; d < deciles.size(); d++) {
      List<CalibrationStats.Sample> bucket = deciles.get(d);
      Double mean =
          bucket.isEmpty()
              ? null
              : CalibrationStats.round(
                  bucket.stream().mapToDouble(CalibrationStats.Sample::score).average().orElse(0));
      reliability.add(
          new CalibrationReport.Decile(d * 10, d * 10 + 10, mean, CalibrationStats.rate(bucket)));
    }
    return new CalibrationReport(
        scorecard.id(),
        scorecard.version(),
        horizon,
        scored.size(),
        excluded,
        overall,
        bands,
        CalibrationStats.auc(samples),
        CalibrationStats.shuffledAuc(samples, SHUFFLE_SEED),
        lift,
        reliability);
  }

  private static List<CalibrationStats.Sample> only(
      List<CalibrationStats.Sample> samples, Predicate<CalibrationStats.Sample> filter) {
    return samples.stream().filter(filter).toList();
  }

  private AccountFacts facts(AnalyticsStore.Decision decision) {
    try {
      Map<String, String> attributes =
          decision.attributes() == null
              ? Map.of()
              : json.readValue(decision.attributes(), new TypeReference<Map<String, String>>() {});
      return new AccountFacts(
          attributes, decision.arrBefore() == null ? null : decision.arrBefore().doubleValue());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
