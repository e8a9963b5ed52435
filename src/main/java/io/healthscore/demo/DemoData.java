package io.healthscore.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A reproducible portfolio for trying the analytics: accounts with a year of signals, renewals,
 * expansions, contractions and churns. Each account has a hidden health that drives both its
 * signals (usage, sentiment, NPS, goals, tickets, touchpoints) and its chance to churn, so the
 * signals really carry information about churn. Plain Java: the same seed gives the same data.
 */
public final class DemoData {

  public record Account(
      String id,
      String name,
      Map<String, String> attributes,
      BigDecimal arr,
      LocalDate renewalDate) {}

  public record Signal(
      String accountId, String key, Object value, Instant observedAt, String eventId) {}

  public record Outcome(
      String accountId,
      String eventId,
      String kind,
      LocalDate date,
      BigDecimal arrBefore,
      BigDecimal arrAfter) {}

  public record Portfolio(List<Account> accounts, List<Signal> signals, List<Outcome> outcomes) {}

  private static final String[] PLANS = {"starter", "pro", "enterprise"};
  private static final String[] SENTIMENT = {
    "very_negative", "negative", "neutral", "positive", "very_positive"
  };

  private DemoData() {}

  /** {@code count} accounts as of {@code now}, from {@code seed}. */
  public static Portfolio generate(int count, long seed, Instant now) {
    Random random = new Random(seed);
    LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
    List<Account> accounts = new ArrayList<>();
    List<Signal> signals = new ArrayList<>();
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = String.format("demo-%04d", i);
      String plan = PLANS[random.nextInt(PLANS.length)];
      double health = random.nextDouble();
      BigDecimal arr =
          BigDecimal.valueOf(
              switch (plan) {
                case "starter" -> 10_000 + random.nextInt(20_000);
                case "pro" -> 30_000 + random.nextInt(70_000);
                default -> 100_000 + random.nextInt(300_000);
              });
      // Renewals over the last 300 days: there is a quarter of history before each.
      LocalDate renewal = today.minusDays(10 + random.nextInt(290));
      boolean churns = random.nextDouble() < 1 / (1 + Math.exp(-(2.5 - 6 * health)));
      Instant lastSignal = churns ? renewal.atStartOfDay(ZoneOffset.UTC).toInstant() : now;
      for (int month = 12; month >= 0; month--) {
        Instant at = now.minus(Duration.ofDays(30L * month + random.nextInt(5)));
        if (at.isAfter(lastSignal)) {
          break;
        }
        String tag = id + "-" + month;
        signals.add(
            new Signal(
                id,
                "active_users_ratio",
                round(clamp(0.15 + 0.7 * health + gauss(random, 0.12), 0, 1), 2),
                at,
                tag + "-au"));
        signals.add(
            new Signal(
                id,
                "csm_sentiment",
                SENTIMENT[(int) clamp(Math.floor((health + gauss(random, 0.15)) * 5), 0, 4)],
                at,
                tag + "-csm"));
        signals.add(
            new Signal(
                id,
                "urgent_tickets_30d",
                (int) Math.round(clamp((1 - health) * 6 + gauss(random, 1), 0, 50)),
                at,
                tag + "-tix"));
        signals.add(
            new Signal(
                id,
                "days_since_last_touch",
                (int) Math.round(clamp(5 + (1 - health) * 50 + gauss(random, 8), 0, 365)),
                at,
                tag + "-touch"));
        if (month % 3 == 0) {
          signals.add(
              new Signal(
                  id,
                  "nps_response",
                  (int) Math.round(clamp(3 + 7 * health + gauss(random, 1.5), 0, 10)),
                  at,
                  tag + "-nps"));
          signals.add(
              new Signal(
                  id,
                  "goals_met_ratio",
                  round(clamp(0.2 + 0.7 * health + gauss(random, 0.15), 0, 1), 2),
                  at,
                  tag + "-goals"));
        }
      }
      BigDecimal after;
      String kind;
      double roll = random.nextDouble();
      if (churns) {
        kind = "churned";
        after = BigDecimal.ZERO;
      } else if (roll < 0.25) {
        kind = "expanded";
        after = scale(arr, 1.1 + random.nextDouble() * 0.3);
      } else if (roll < 0.4) {
        kind = "contracted";
        after = scale(arr, 0.7 + random.nextDouble() * 0.2);
      } else {
        kind = "renewed";
        after = arr;
      }
      accounts.add(
          new Account(
              id,
              "Demo customer " + i,
              Map.of("plan", plan, "lifecycleStage", churns ? "churned" : "adoption"),
              arr,
              renewal.plusYears(1)));
      outcomes.add(new Outcome(id, "demo-renewal-" + id, kind, renewal, arr, after));
    }
    return new Portfolio(accounts, signals, outcomes);
  }

  private static double gauss(Random random, double sd) {
    return random.nextGaussian() * sd;
  }

  private static double clamp(double value, double min, double max) {
    return Math.max(min, Math.min(max, value));
  }

  private static double round(double value, int places) {
    return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).doubleValue();
  }

  private static BigDecimal scale(BigDecimal arr, double factor) {
    return arr.multiply(BigDecimal.valueOf(factor)).setScale(0, RoundingMode.HALF_UP);
  }
}
