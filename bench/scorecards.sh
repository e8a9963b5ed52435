#!/usr/bin/env bash
# Benchmark of scorecard changes on a large portfolio. Prints figures; asserts nothing.
#
#   bench/scorecards.sh      (PREVIEW_ACCOUNTS=100000 RECOMPUTE_ACCOUNTS=1000000 by default)
#
# Seeds accounts and their signals straight into PostgreSQL (the API's own write path is
# measured by bench/run.sh), then times a what-if preview of a draft over PREVIEW_ACCOUNTS
# accounts (target: 100k in under 10 s) and the recompute job of a new scorecard version over
# RECOMPUTE_ACCOUNTS accounts (target: 1M in under 60 s).
set -euo pipefail
cd "$(dirname "$0")/.."
PREVIEW_ACCOUNTS=${PREVIEW_ACCOUNTS:-100000}
RECOMPUTE_ACCOUNTS=${RECOMPUTE_ACCOUNTS:-1000000}
. bench/service.sh

seed() { # accounts from $1 to $2, five signals each (four ratios and a CSM sentiment)
  psql -q -v ON_ERROR_STOP=1 -v from="$1" -v to="$2" <<'SQL'
insert into account (tenant_id, account_id, attributes, arr_amount, arr_currency)
select 'default', 'acct-' || lpad(g::text, 7, '0'),
       jsonb_build_object('plan', case when g % 3 = 0 then 'enterprise' else 'pro' end),
       (g % 100 + 1) * 1000, 'USD'
from generate_series(:from, :to) g;
insert into signal (tenant_id, account_id, key, number_value, label_value, observed_at, source)
select 'default', 'acct-' || lpad(g::text, 7, '0'), k.key,
       case when k.key = 'csm_sentiment' then null else random() end,
       case when k.key = 'csm_sentiment'
            then (array['very_negative', 'negative', 'neutral', 'positive', 'very_positive'])
                 [1 + g % 5] end,
       now() - random() * interval '20 days', 'bench'
from generate_series(:from, :to) g
cross join (values ('active_users_ratio'), ('goals_met_ratio'), ('feature_breadth'),
                   ('licenses_activated_ratio'), ('csm_sentiment')) k(key);
-- Statistics for what was seeded only: health_latest analysed while still empty would tell the
-- planner it stays empty (until autovacuum looks again) while the first recompute fills it.
analyze account, signal, signal_latest;
SQL
}

timed() { # prints seconds taken by the command
  local start; start=$(date +%s.%N)
  "$@" >/dev/null
  awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}'
}

echo "== seeding $PREVIEW_ACCOUNTS accounts"
seed 1 "$PREVIEW_ACCOUNTS"
curl -fs -H "$AUTH" "$APP/v1/scorecards/default" >"$DATA/default.json"
python3 - "$DATA/default.json" >"$DATA/draft.json" <<'PY'
import json, sys
card = json.load(open(sys.argv[1]))
for group in card["groups"]:
    if group["id"] == "adoption":
        group["weight"] *= 2  # what if adoption counted twice as much?
print(json.dumps(card))
PY
curl -fs -H "$AUTH" -XPOST "$APP/v1/scorecards/default/preview?limit=10" -H 'content-type: application/json' \
  -d @"$DATA/draft.json" >/dev/null # warm-up
PREVIEW=$(timed curl -fs -H "$AUTH" -XPOST "$APP/v1/scorecards/default/preview?limit=50" \
  -H 'content-type: application/json' -d @"$DATA/draft.json")
echo "preview: $PREVIEW_ACCOUNTS accounts in $PREVIEW s (target < 10 s)"

if [ "$RECOMPUTE_ACCOUNTS" -gt "$PREVIEW_ACCOUNTS" ]; then
  echo "== seeding up to $RECOMPUTE_ACCOUNTS accounts"
  seed $((PREVIEW_ACCOUNTS + 1)) "$RECOMPUTE_ACCOUNTS"
fi
ETAG=$(curl -fsI -H "$AUTH" "$APP/v1/scorecards/default" | awk -F': ' 'tolower($1) == "etag" {print $2}' \
  | tr -d '\r')
LINK=$(curl -fs -H "$AUTH" -D - -o /dev/null -XPUT "$APP/v1/scorecards/default" -H "If-Match: $ETAG" \
  -H 'content-type: application/json' -d @"$DATA/draft.json" \
  | awk -F': ' 'tolower($1) == "link" {print $2}')
JOB=$(echo "$LINK" | sed -E 's#.*/v1/jobs/([0-9]+).*#\1#')
START=$(date +%s.%N)
while curl -fs -H "$AUTH" "$APP/v1/jobs/$JOB" | grep -q '"status":"running"'; do sleep 1; done
END=$(date +%s.%N)
curl -fs -H "$AUTH" "$APP/v1/jobs/$JOB" >"$OUT/recompute-job.json"
awk -v s="$START" -v e="$END" -v n="$RECOMPUTE_ACCOUNTS" 'BEGIN {
  printf "recompute: %d accounts in %.1f s = %.0f accounts/s (target: 1M in < 60 s)\n",
    n, e - s, n / (e - s) }'
cat "$OUT/recompute-job.json"; echo
