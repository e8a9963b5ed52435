package io.healthscore.analytics;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthscore.common.ApiProblem;
import io.healthscore.common.Transactions;
import io.healthscore.health.Scorecards;
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
      AnalyticsConfig config) {
    this.transactions = transactions;
    this.store = store;
    this.scorecards = scorecards;
    this.json = json;
    this.grossMargin = config.grossMargin();
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
  /**
   * A renewal decision with what the account looked like {@code horizon} before it: its facts, the
   * observations then, and the result of the scorecard read for (null: no score).
   */
  record PointInTime(
      AnalyticsStore.Decision decision,
      AccountFacts facts,
      Instant at,
      List<Observation> observations,
      HealthResult result) {

    boolean churned() {
      return decision.churned();
    }

    PointInTime scored(HealthResult by) {
      return new PointInTime(decision, facts, at, observations, by);
    }
  }

  /** The account as another scorecard would have scored it at the same point in time. */
  HealthResult score(Scorecard scorecard, PointInTime p) {
    HealthResult result =
        p.observations().isEmpty()
            ? null
            : scorecards.scorer().score(scorecard, p.facts(), p.observations(), p.at(), null);
    return result == null || result.score() == null ? null : result;
  }

  /** Every decision in [from, to), scored as of horizon before it: nothing later is read. */
  List<PointInTime> pointInTime(
      String tenantId, Scorecard scorecard, Duration horizon, LocalDate from, LocalDate to)
      throws SQLException {
    return pointInTime(tenantId, scorecard, horizon, from, to, Integer.MAX_VALUE);
  }

  /** The same for the newest {@code limit} decisions only. */
  List<PointInTime> pointInTime(
      String tenantId,
      Scorecard scorecard,
      Duration horizon,
      LocalDate from,
      LocalDate to,
      int limit)
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
              List<AnalyticsStore.Decision> decisions =
                  store.decisions(c, tenantId, from, to, limit);
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
      PointInTime unscored =
          new PointInTime(
              decision,
              facts(decision),
              data.instants().get(i),
              data.observations().getOrDefault(i, List.of()),
              null);
      scored.add(unscored.scored(score(scorecard, unscored)));
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

  /** Which scorecard a calibration report measures. */
  record Measured(Scorecard scorecard, String source, Long draftId) {}

  public CalibrationReport calibration(String tenantId, Measured measured, DecisionWindow window)
      throws SQLException {
    List<PointInTime> scored =
        pointInTime(tenantId, measured.scorecard(), window.horizon(), window.from(), window.to());
    return report(measured, window.horizon(), scored.size(), samples(scored));
  }

  /** The report of scores taken at {@code outcomes} decisions, of which the samples had one. */
  static CalibrationReport report(
      Measured measured, Duration horizon, int outcomes, List<CalibrationStats.Sample> samples) {
    Map<String, CalibrationStats.Rate> bands = bandRates(samples);
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
    Double auc = CalibrationStats.auc(samples);
    double[] interval =
        CalibrationStats.aucInterval(
            auc, overall.churned(), overall.accounts() - overall.churned());
    Scorecard scorecard = measured.scorecard();
    boolean stored = measured.source().equals("current") || measured.source().equals("version");
    return new CalibrationReport(
        scorecard.id(),
        stored ? scorecard.version() : null,
        measured.source(),
        measured.draftId(),
        horizon,
        outcomes,
        outcomes - samples.size(),
        overall,
        bands,
        auc,
        interval == null ? null : interval[0],
        interval == null ? null : interval[1],
        CalibrationStats.shuffledAuc(samples, SHUFFLE_SEED),
        lift,
        reliability,
        CalibrationStats.roc(samples, 100));
  }

  /** Churn per band (red, yellow, green, unknown) with intervals. */
  static Map<String, CalibrationStats.Rate> bandRates(List<CalibrationStats.Sample> samples) {
    Map<String, CalibrationStats.Rate> bands = new LinkedHashMap<>();
    for (String band : BANDS) {
      bands.put(band, CalibrationStats.rate(only(samples, s -> s.band().equals(band))));
    }
    return bands;
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
