package io.healthscore.analytics;

import io.healthscore.common.Transactions;
import io.healthscore.health.Scorecards;
import io.healthscore.scoring.Scorecard;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Expected retained ARR from each account's score and what past outcomes say it means. */
@ApplicationScoped
public class Forecast {

  static final Duration HORIZON = Duration.ofDays(90);
  static final int MIN_PER_CLASS_FOR_FIT = 10;

  private static final String ACCOUNTS =
      """
      select a.arr_amount, a.arr_currency, a.renewal_date, a.attributes ->> ?, l.score, l.band
      from account a
      left join health_latest l on l.tenant_id = a.tenant_id and l.account_id = a.account_id
        and l.scorecard_id = ?
      where a.tenant_id = ? and a.arr_amount > 0 and a.status = 'active'
      """;

  private record Account(
      BigDecimal arr,
      String currency,
      LocalDate renewal,
      String segment,
      Double score,
      String band) {}

  private final Analytics analytics;
  private final Scorecards scorecards;
  private final Transactions transactions;

  public Forecast(Analytics analytics, Scorecards scorecards, Transactions transactions) {
    this.analytics = analytics;
    this.scorecards = scorecards;
    this.transactions = transactions;
  }

  public ForecastReport forecast(
      String tenantId, String scorecardId, Duration period, String groupBy) throws SQLException {
    Scorecard scorecard = scorecards.catalog(tenantId).get(scorecardId);
    List<CalibrationStats.Sample> samples =
        Analytics.samples(
            analytics.pointInTime(
                tenantId,
                scorecard,
                HORIZON,
                LocalDate.of(1970, 1, 1),
                LocalDate.now(ZoneOffset.UTC).plusDays(1)));
    int churned = (int) samples.stream().filter(CalibrationStats.Sample::churned).count();
    String basis;
    ToDoubleFunction<Account> renew;
    if (churned >= MIN_PER_CLASS_FOR_FIT && samples.size() - churned >= MIN_PER_CLASS_FOR_FIT) {
      basis = "logistic";
      double[][] x =
          samples.stream().map(s -> new double[] {s.score() / 100}).toArray(double[][]::new);
      boolean[] y = new boolean[samples.size()];
      for (int i = 0; i < y.length; i++) {
        y[i] = samples.get(i).churned();
      }
      WeightLearning.Fit fit = WeightLearning.fit(x, y, 0.0001);
      double overall = (double) churned / samples.size();
      renew =
          a ->
              a.score() == null
                  ? 1 - overall
                  : 1 - 1 / (1 + Math.exp(fit.health(new double[] {a.score() / 100})));
    } else if (!samples.isEmpty()) {
      basis = "bands";
      double overall = (double) churned / samples.size();
      Map<String, Double> byBand = new HashMap<>();
      for (String band : Analytics.BANDS) {
        CalibrationStats.Rate rate =
            CalibrationStats.rate(samples.stream().filter(s -> s.band().equals(band)).toList());
        byBand.put(band, rate.churnRate() == null ? overall : rate.churnRate());
      }
      renew = a -> 1 - byBand.getOrDefault(a.band() == null ? "unknown" : a.band(), overall);
    } else {
      basis = "none";
      renew = null;
    }

    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate end = today.plusDays(period.toDays());
    boolean wholeYear = period.toDays() >= 365;
    List<Account> accounts = accounts(tenantId, scorecardId, groupBy);
    Map<String, List<Account>> byCurrency = Groups.byKey(accounts, Account::currency);
    List<ForecastReport.CurrencyForecast> currencies = new ArrayList<>();
    for (Map.Entry<String, List<Account>> entry : byCurrency.entrySet()) {
      List<ForecastReport.SegmentForecast> segments = new ArrayList<>();
      if (groupBy != null) {
        Map<String, List<Account>> bySegment = Groups.byKey(entry.getValue(), Account::segment);
        for (Map.Entry<String, List<Account>> s : bySegment.entrySet()) {
          segments.add(
              new ForecastReport.SegmentForecast(
                  s.getKey(), figures(s.getValue(), renew, today, end, wholeYear)));
        }
      }
      currencies.add(
          new ForecastReport.CurrencyForecast(
              entry.getKey(), figures(entry.getValue(), renew, today, end, wholeYear), segments));
    }
    return new ForecastReport(period, scorecardId, basis, samples.size(), groupBy, currencies);
  }

  private static ForecastReport.Figures figures(
      List<Account> accounts,
      ToDoubleFunction<Account> renew,
      LocalDate today,
      LocalDate end,
      boolean wholeYear) {
    BigDecimal arr = BigDecimal.ZERO;
    double expected = 0;
    int renewing = 0;
    for (Account a : accounts) {
      arr = arr.add(a.arr());
      boolean due =
          a.renewal() == null
              ? wholeYear
              : !a.renewal().isBefore(today) && a.renewal().isBefore(end);
      if (due) {
        renewing++;
      }
      if (renew != null) {
        expected += a.arr().doubleValue() * (due ? renew.applyAsDouble(a) : 1);
      }
    }
    BigDecimal retained =
        renew == null ? null : BigDecimal.valueOf(expected).setScale(2, RoundingMode.HALF_UP);
    return new ForecastReport.Figures(
        accounts.size(),
        renewing,
        arr,
        retained,
        retained == null || arr.signum() == 0
            ? null
            : CalibrationStats.round(expected / arr.doubleValue()));
  }

  private List<Account> accounts(String tenantId, String scorecardId, String groupBy)
      throws SQLException {
    return transactions.inTenant(
        tenantId,
        c -> {
          List<Account> accounts = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(ACCOUNTS)) {
            ps.setString(1, groupBy == null ? "" : groupBy);
            ps.setString(2, scorecardId);
            ps.setString(3, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                Date renewal = rs.getDate(3);
                BigDecimal score = rs.getBigDecimal(5);
                accounts.add(
                    new Account(
                        rs.getBigDecimal(1),
                        rs.getString(2) == null ? "none" : rs.getString(2).trim(),
                        renewal == null ? null : renewal.toLocalDate(),
                        groupBy == null ? null : rs.getString(4),
                        score == null ? null : score.doubleValue(),
                        rs.getString(6)));
              }
            }
          }
          return accounts;
        });
  }
}
