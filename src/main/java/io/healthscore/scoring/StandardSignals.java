package io.healthscore.scoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The signal keys every tenant can send, covering the seven ingredients and DEAR deployment. */
public final class StandardSignals {

  public static final List<String> SENTIMENT_LABELS =
      List.of("very_negative", "negative", "neutral", "positive", "very_positive");

  private static final Map<String, SignalDefinition> BY_KEY = new LinkedHashMap<>();

  static {
    label(
        "csm_sentiment",
        SENTIMENT_LABELS,
        "csm_sentiment",
        null,
        "The CSM's judgement of the relationship, worst to best.");
    number(
        "nps",
        -100,
        100,
        true,
        "score",
        "customer_sentiment",
        null,
        "Account-level Net Promoter Score, already aggregated by the caller.");
    number(
        "nps_response",
        0,
        10,
        true,
        "score",
        "customer_sentiment",
        null,
        "One NPS survey answer (0-10); aggregated to an NPS over the measure's window.");
    number(
        "csat",
        1,
        5,
        false,
        "score",
        "customer_sentiment",
        null,
        "Customer satisfaction rating, 1 (very unsatisfied) to 5 (very satisfied).");
    number(
        "meetings_attended_ratio",
        0,
        1,
        false,
        "ratio",
        "engagement",
        "engagement",
        "Share of scheduled meetings the customer attended.");
    number(
        "email_reply_ratio",
        0,
        1,
        false,
        "ratio",
        "engagement",
        "engagement",
        "Share of emails to the customer that got a reply.");
    number(
        "days_since_last_touch",
        0,
        3650,
        true,
        "days",
        "engagement",
        "engagement",
        "Days since the last two-way touchpoint (call, meeting, reply).");
    number(
        "invoice_overdue_days",
        0,
        3650,
        true,
        "days",
        "engagement",
        null,
        "Days the oldest unpaid invoice is overdue; 0 when all invoices are paid.");
    number(
        "decision_maker_contacts",
        0,
        10000,
        true,
        "contacts",
        "engagement",
        "engagement",
        "Number of engaged decision makers at the account (relationship coverage).");
    number(
        "influencer_contacts",
        0,
        10000,
        true,
        "contacts",
        "engagement",
        "engagement",
        "Number of engaged influencers at the account (relationship coverage).");
    number(
        "user_contacts",
        0,
        1000000,
        true,
        "contacts",
        "engagement",
        "engagement",
        "Number of engaged end users known at the account (relationship coverage).");
    number(
        "advocacy",
        0,
        10,
        false,
        "score",
        "advocacy",
        null,
        "Advocacy level: references, reviews, case studies (0 none to 10 champion).");
    number(
        "active_users_ratio",
        0,
        1,
        false,
        "ratio",
        "adoption",
        "adoption",
        "Share of licensed users active in the period.");
    number(
        "feature_breadth",
        0,
        1,
        false,
        "ratio",
        "adoption",
        "adoption",
        "Share of the product's key features the account uses.");
    number(
        "licenses_activated_ratio",
        0,
        1,
        false,
        "ratio",
        "adoption",
        "deployment",
        "Share of purchased licences activated (DEAR deployment).");
    number(
        "goals_met_ratio",
        0,
        1,
        false,
        "ratio",
        "outcomes",
        "roi",
        "Share of agreed goals/KPIs met (business outcomes, ROI).");
    number(
        "tickets_30d",
        0,
        100000,
        true,
        "tickets",
        "support",
        null,
        "Support tickets opened in the last 30 days.");
    number(
        "urgent_tickets_30d",
        0,
        100000,
        true,
        "tickets",
        "support",
        null,
        "Urgent or high-priority support tickets opened in the last 30 days.");
  }

  private StandardSignals() {}

  public static Optional<SignalDefinition> find(String key) {
    return Optional.ofNullable(BY_KEY.get(key));
  }

  public static List<SignalDefinition> all() {
    return List.copyOf(BY_KEY.values());
  }

  private static void number(
      String key,
      double min,
      double max,
      boolean integer,
      String unit,
      String ingredient,
      String dear,
      String description) {
    BY_KEY.put(
        key,
        new SignalDefinition(
            key,
            SignalType.NUMBER,
            min,
            max,
            integer,
            List.of(),
            unit,
            ingredient,
            dear,
            description));
  }

  private static void label(
      String key, List<String> labels, String ingredient, String dear, String description) {
    BY_KEY.put(
        key,
        new SignalDefinition(
            key, SignalType.LABEL, null, null, false, labels, null, ingredient, dear, description));
  }
}
