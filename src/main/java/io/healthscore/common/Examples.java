package io.healthscore.common;

/** Example payloads shown in the OpenAPI document and Swagger UI. */
public final class Examples {

  public static final String ACCOUNT_UPSERT = """
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

  public static final String SIGNALS = """
      {
        "signals": [
          {"key": "nps_response", "value": 9, "observedAt": "2026-11-20T09:30:00Z",
           "source": "survey-tool", "eventId": "nps-2026-11-20-0042"},
          {"key": "days_since_last_touch", "value": 3, "source": "crm"}
        ]
      }
      """;

  public static final String BATCH = """
      {
        "signals": [
          {"accountId": "acme-001", "key": "active_users_ratio", "value": 0.62,
           "eventId": "usage-2026-11-20-acme-001"},
          {"accountId": "globex-042", "key": "tickets_30d", "value": 7, "source": "helpdesk"}
        ]
      }
      """;

  public static final String SCORE = """
      {
        "signals": [
          {"key": "csm_sentiment", "value": "neutral"},
          {"key": "active_users_ratio", "value": 0.4},
          {"key": "goals_met_ratio", "value": 0.5},
          {"key": "urgent_tickets_30d", "value": 3}
        ]
      }
      """;

  public static final String VALIDATION_PROBLEM = """
      {
        "type": "urn:healthscore:problem:validation",
        "title": "Invalid request",
        "status": 400,
        "detail": "signals[0].value must be between 0 and 10",
        "instance": "/v1/accounts/acme-001/signals",
        "errors": [{"field": "signals[0].value", "message": "must be between 0 and 10"}]
      }
      """;

  public static final String NOT_FOUND_PROBLEM = """
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
