"""Round trip with the Python client generated from openapi/openapi.json (GeneratedClientsIT).

Usage: client_round_trip.py BASE_URL API_KEY ACCOUNT_PREFIX; exits non-zero on the first failure.
"""
import json
import sys

import healthscore_client as hs
from healthscore_client.exceptions import ApiException

base, key, prefix = sys.argv[1:4]
client = hs.ApiClient(hs.Configuration(host=base, access_token=key))
accounts = hs.AccountsApi(client)
health = hs.HealthApi(client)
scoring = hs.ScoringApi(client)

# Upsert accounts with ARR and signals; each answers its new score.
for i, nps in enumerate([-40, 10, 60]):
    reply = accounts.upsert_account(
        f"{prefix}-{i}",
        hs.AccountUpsert(
            name=f"Python {i}",
            arr=hs.Money(amount=12000 + i, currency="EUR"),
            signals=[
                hs.SignalInput(key="nps", value=hs.SignalValue(nps)),
                hs.SignalInput(key="csm_sentiment", value=hs.SignalValue("positive")),
            ],
        ),
    )
    assert reply.account.arr.currency == "EUR", reply
    assert reply.health.sequence >= 1, reply

# Read one back, full and summary.
full = health.get_account_health(f"{prefix}-2")
assert full.groups, full
summary = health.get_account_health(f"{prefix}-2", view="summary")
assert summary.groups is None and summary.score == full.score, summary

# Page 2 of the portfolio with the cursor of page 1.
first = health.list_health(limit=2)
assert first.next_cursor, first
second = health.list_health(limit=2, cursor=first.next_cursor)
seen = {item.account_id for item in first.items}
assert second.items and not seen & {item.account_id for item in second.items}, second

# Stateless scoring.
scored = scoring.score_signals(
    hs.ScoreRequest(signals=[hs.SignalInput(key="nps", value=hs.SignalValue(30))]), view="summary"
)
assert scored.score is not None and scored.groups is None, scored

# A 400 decoded as a problem naming the field.
try:
    accounts.upsert_account(
        f"{prefix}-bad",
        hs.AccountUpsert(name="Bad", signals=[hs.SignalInput(key="nps", value=hs.SignalValue(500))]),
    )
    raise AssertionError("an nps of 500 was accepted")
except ApiException as e:
    assert e.status == 400, e
    problem = e.data  # the client decodes the problem itself ("field" is var_field in pydantic)
    assert isinstance(problem, hs.Problem), problem
    assert problem.errors[0].var_field == "signals[0].value", problem
    assert e.headers["content-type"].startswith("application/problem+json"), e.headers

print(json.dumps({"pages": [len(first.items), len(second.items)], "score": full.score}))
