package io.healthscore.common;

/** Example payloads shown in the OpenAPI document and Swagger UI. */
public final class Examples {

  public static final String NDJSON_TYPE = "application/x-ndjson";

  /** A file import mixing an account, its signals and an outcome, one JSON object per line. */
  public static final String IMPORT_NDJSON =
      """
      {"type": "account", "accountId": "acme-001", "name": "Acme Corp", "arr": {"amount": 120000, "currency": "USD"}, "renewalDate": "2027-03-31", "attributes": {"plan": "enterprise"}}
      {"type": "signal", "accountId": "acme-001", "key": "nps", "value": 40, "observedAt": "2026-11-20T09:30:00Z", "eventId": "nps-2026-11-acme-001"}
      {"type": "signal", "accountId": "acme-001", "key": "active_users_ratio", "value": 0.62, "observedAt": "2026-11-20T09:30:00Z", "eventId": "usage-2026-11-20-acme-001"}
      {"type": "outcome", "accountId": "acme-001", "eventId": "renewal-2026-acme-001", "kind": "renewed", "date": "2026-03-31", "arrBefore": 120000, "arrAfter": 120000}
      """;

  public static final String ACCOUNT_UPSERT =
      """
      {
        "name": "Acme Corp",
        "attributes": {"lifecycleStage": "adoption", "plan": "enterprise", "region": "emea"},
        "arr": {"amount": 120000, "currency": "USD"},
        "renewalDate": "2027-03-31",
        "signals": [
          {"key": "csm_sentiment", "value": "positive", "source": "crm"},
          {"key": "active_users_ratio", "value": 0.62, "source": "product-analytics"},
          {"key": "urgent_tickets_30d", "value": 2, "source": "helpdesk"}
        ]
      }
      """;

  public static final String SIGNALS =
      """
      {
        "signals": [
          {"key": "nps_response", "value": 9, "observedAt": "2026-11-20T09:30:00Z",
           "source": "survey-tool", "eventId": "nps-2026-11-20-0042"},
          {"key": "days_since_last_touch", "value": 3, "source": "crm"}
        ]
      }
      """;

  public static final String BATCH =
      """
      {
        "signals": [
          {"accountId": "acme-001", "key": "active_users_ratio", "value": 0.62,
           "eventId": "usage-2026-11-20-acme-001"},
          {"accountId": "globex-042", "key": "tickets_30d", "value": 7, "source": "helpdesk"}
        ]
      }
      """;

  public static final String SCORE =
      """
      {
        "signals": [
          {"key": "csm_sentiment", "value": "neutral"},
          {"key": "active_users_ratio", "value": 0.4},
          {"key": "goals_met_ratio", "value": 0.5},
          {"key": "urgent_tickets_30d", "value": 3},
          {"key": "tickets_30d", "value": 9},
          {"key": "nps_response", "value": 8}
        ]
      }
      """;

  public static final String SCORECARD =
      """
      {
        "id": "dear",
        "name": "DEAR outcome score",
        "engine": "critical_gated",
        "groups": [
          {"id": "deployment", "weight": 25, "measures": [
            {"id": "licenses", "signal": "licenses_activated_ratio", "aggregation": "latest",
             "normaliser": {"type": "range", "min": 0, "max": 1}, "weight": 1, "critical": true}]},
          {"id": "engagement", "weight": 25, "measures": [
            {"id": "meetings", "signal": "meetings_attended_ratio", "aggregation": "latest",
             "normaliser": {"type": "range", "min": 0, "max": 1}, "weight": 1}]},
          {"id": "adoption", "weight": 25, "measures": [
            {"id": "active_users", "signal": "active_users_ratio", "aggregation": "latest",
             "staleAfter": "P30D", "normaliser": {"type": "range", "min": 0, "max": 0.8},
             "weight": 1}]},
          {"id": "roi", "weight": 25, "measures": [
            {"id": "goals", "signal": "goals_met_ratio", "aggregation": "latest",
             "normaliser": {"type": "range", "min": 0, "max": 1}, "weight": 1}]}
        ],
        "segments": [
          {"id": "onboarding",
           "when": [{"attribute": "lifecycle_stage", "equals": "onboarding"}],
           "groupWeights": {"deployment": 50, "roi": 5}},
          {"id": "enterprise",
           "when": [{"attribute": "plan", "in": ["enterprise"]},
                    {"attribute": "arr", "min": 100000}],
           "groupWeights": {"roi": 40}}
        ]
      }
      """;

  public static final String SIGNAL_KEY =
      """
      {
        "type": "number",
        "min": 0,
        "max": 100,
        "unit": "percent",
        "ingredient": "adoption",
        "dear": "deployment",
        "description": "Share of the onboarding checklist completed."
      }
      """;

  public static final String OVERRIDE =
      """
      {
        "band": "red",
        "score": 35,
        "reason": "Champion left; renewal at risk despite strong usage",
        "author": "jane.doe@example.com",
        "expiresAt": "2027-01-31T00:00:00Z"
      }
      """;

  public static final String VALIDATION_PROBLEM =
      """
      {
        "type": "urn:healthscore:problem:validation",
        "title": "Invalid request",
        "status": 400,
        "detail": "signals[0].value must be between 0 and 10",
        "instance": "/v1/accounts/acme-001/signals",
        "errors": [{"field": "signals[0].value", "message": "must be between 0 and 10"}]
      }
      """;

  public static final String NOT_FOUND_PROBLEM =
      """
      {
        "type": "urn:healthscore:problem:not-found",
        "title": "Not found",
        "status": 404,
        "detail": "No account acme-404",
        "instance": "/v1/accounts/acme-404/health"
      }
      """;

  private Examples() {}
}
