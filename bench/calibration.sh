#!/usr/bin/env bash
# Benchmark of calibration at scale. Prints figures; asserts nothing.
#
#   bench/calibration.sh      (OUTCOMES=100000 by default)
#
# Seeds OUTCOMES accounts straight into PostgreSQL, each with nine signals observed 200 days ago
# and one renewal decision 30 days ago whose churn is planted (the generator of
# PlantedTruthCalibrationTest: three measures protect, three raise churn, one matters by its
# distance from the middle, two are noise), and a first-guess scorecard over them. Then times
# the calibration report (GET /v1/analytics/calibration), calibrate with 5 folds (POST
# /v1/scorecards/planted/calibrate), the report of the proposal sent inline and its preview
# (band moves with the predictive figures). Target: each within seconds on 100,000 outcomes.
set -euo pipefail
cd "$(dirname "$0")/.."
OUTCOMES=${OUTCOMES:-100000}
. bench/service.sh

KEYS="protect_a protect_b protect_c raise_a raise_b raise_c middle noise_a noise_b"
MEASURES=""
for key in $KEYS; do
  curl -fs -H "$AUTH" -XPUT "$APP/v1/signal-keys/$key" -H 'content-type: application/json' \
    -d '{"type": "number", "min": 0, "max": 100}' >/dev/null
  MEASURES="$MEASURES${MEASURES:+,}{\"id\": \"$key\", \"signal\": \"$key\", \"aggregation\": \"latest\",
    \"normaliser\": {\"type\": \"range\", \"min\": 0, \"max\": 100}, \"weight\": 1}"
done
curl -fs -H "$AUTH" -XPOST "$APP/v1/scorecards" -H 'content-type: application/json' -d "{
  \"id\": \"planted\", \"name\": \"First guess\",
  \"groups\": [{\"id\": \"all\", \"weight\": 1, \"measures\": [$MEASURES]}]}" >/dev/null

echo "== seeding $OUTCOMES accounts with nine signals and a renewal decision each"
psql -q -v ON_ERROR_STOP=1 -v n="$OUTCOMES" <<'SQL'
create temporary table planted as
select 'cal-' || lpad(g::text, 7, '0') as account_id,
       floor(random() * 101) as pa, floor(random() * 101) as pb, floor(random() * 101) as pc,
       floor(random() * 101) as ra, floor(random() * 101) as rb, floor(random() * 101) as rc,
       floor(random() * 101) as mid, floor(random() * 101) as na, floor(random() * 101) as nb
from generate_series(1, :n) g;
insert into account (tenant_id, account_id, attributes, arr_amount, arr_currency)
select 'default', account_id, '{}'::jsonb, 1000, 'USD' from planted;
insert into signal (tenant_id, account_id, key, number_value, observed_at, source)
select 'default', account_id, k.key, k.value, now() - interval '200 days', 'bench'
from planted
cross join lateral (values ('protect_a', pa), ('protect_b', pb), ('protect_c', pc),
  ('raise_a', ra), ('raise_b', rb), ('raise_c', rc), ('middle', mid), ('noise_a', na),
  ('noise_b', nb)) k(key, value);
insert into account_outcome (tenant_id, account_id, event_id, kind, occurred_on, arr_before,
                             arr_after, currency)
select 'default', account_id, 'renewal-1', case when churned then 'churned' else 'renewed' end,
       current_date - 30, 1000, case when churned then 0 else 1000 end, 'USD'
from (select account_id, random() < 1 / (1 + exp(-(-1.6
        - 0.9 * (pa - 50) / 50 - 0.7 * (pb - 50) / 50 - 0.5 * (pc - 50) / 50
        + 0.9 * (ra - 50) / 50 + 0.7 * (rb - 50) / 50 + 0.5 * (rc - 50) / 50
        + 1.8 * ((mid - 50) / 50) ^ 2))) as churned
      from planted) p;
analyze account, signal, signal_latest, account_outcome;
SQL

timed() { # runs the command, its output to $1; prints seconds taken
  local out=$1 start; shift; start=$(date +%s.%N)
  "$@" >"$out"
  awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}'
}
curl -fs -H "$AUTH" "$APP/v1/analytics/calibration?scorecard=planted" >/dev/null # warm-up
REPORT=$(timed "$OUT/calibration-report.json" curl -fs -H "$AUTH" \
  "$APP/v1/analytics/calibration?scorecard=planted")
CALIBRATE=$(timed "$OUT/calibration-proposal.json" curl -fs -H "$AUTH" -XPOST \
  "$APP/v1/scorecards/planted/calibrate")
python3 -c 'import json, sys; print(json.dumps(json.load(open(sys.argv[1]))["proposal"]))' \
  "$OUT/calibration-proposal.json" >"$DATA/proposal.json"
INLINE=$(timed "$OUT/calibration-inline.json" curl -fs -H "$AUTH" -XPOST \
  "$APP/v1/analytics/calibration" -H 'content-type: application/json' -d @"$DATA/proposal.json")
PREVIEW=$(timed "$OUT/calibration-preview.json" curl -fs -H "$AUTH" -XPOST \
  "$APP/v1/scorecards/planted/preview?limit=10" -H 'content-type: application/json' \
  -d @"$DATA/proposal.json")
python3 - "$OUTCOMES" "$REPORT" "$CALIBRATE" "$INLINE" "$OUT" "$PREVIEW" <<'PY'
import json, sys
n, report, calibrate, inline, out, preview = sys.argv[1:]
first = json.load(open(f"{out}/calibration-report.json"))
proposal = json.load(open(f"{out}/calibration-proposal.json"))
measured = json.load(open(f"{out}/calibration-inline.json"))
print(f"calibration report: {n} outcomes in {report} s (first guess AUC {first['auc']})")
print(f"calibrate, 5 folds: {n} outcomes in {calibrate} s (current {proposal['currentAuc']}, "
      f"proposed {proposal['proposedAuc']} +- {proposal['proposedAucStdDev']})")
print(f"report of the proposal sent inline: {inline} s (AUC {measured['auc']}, "
      f"promised {proposal['proposedAuc']})")
shown = json.load(open(f"{out}/calibration-preview.json"))
p = shown.get("prediction") or {}
print(f"preview of the proposal over {shown['accounts']} accounts with its prediction: {preview} s "
      f"(newest {p.get('outcomes')} decisions: in force {p.get('inForce', {}).get('auc')}, "
      f"draft {p.get('draft', {}).get('auc')}; target < 10 s)")
PY
