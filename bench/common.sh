# Sourced by bench/run.sh and bench/ceiling.sh after bench/service.sh: seeds the bench
# accounts, writes the request bodies, and defines the measuring functions.

DURATION=${DURATION:-20}
WARMUP=${WARMUP:-15}
CONNECTIONS=${CONNECTIONS:-8}
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
PGBENCH=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | head -n 1)
HDR=~/.m2/repository/org/hdrhistogram/HdrHistogram/2.2.2/HdrHistogram-2.2.2.jar
[ -f "$HDR" ] || ./mvnw -q -B dependency:get -Dartifact=org.hdrhistogram:HdrHistogram:2.2.2

echo "== seeding 1000 accounts"
for b in $(seq 0 9); do
  python3 - "$b" >"$DATA/seed.json" <<'PY'
import json, sys
b = int(sys.argv[1])
keys = {"csm_sentiment": "positive", "active_users_ratio": 0.6, "goals_met_ratio": 0.7,
        "urgent_tickets_30d": 1, "feature_breadth": 0.5, "licenses_activated_ratio": 0.8,
        "nps_response": 9, "days_since_last_touch": 4, "advocacy": 6, "tickets_30d": 3}
print(json.dumps({"signals": [{"accountId": f"bench-{b * 100 + a}", "key": k, "value": v}
                              for a in range(100) for k, v in keys.items()]}))
PY
  curl -fs -H "$AUTH" -XPOST "$APP/v1/signals/batch" -H 'content-type: application/json' \
    -d @"$DATA/seed.json" >/dev/null
done

# Statistics as a production database would have them after autovacuum.
psql -q -c analyze

# Request bodies; {n} becomes an account number 0..999, {i} a unique counter.
echo '{"signals":[{"key":"active_users_ratio","value":0.55,"eventId":"w{i}"}]}' >"$DATA/ingest.json"
cat >"$DATA/score.json" <<'JSON'
{"signals":[{"key":"csm_sentiment","value":"neutral"},{"key":"active_users_ratio","value":0.4},
 {"key":"goals_met_ratio","value":0.5},{"key":"urgent_tickets_30d","value":3},
 {"key":"nps_response","value":9},{"key":"nps_response","value":6},{"key":"tickets_30d","value":4}]}
JSON
python3 - >"$DATA/batch.json" <<'PY'
import json
print(json.dumps({"signals": [{"accountId": "batch-{n}-%d" % (i % 100), "key": "tickets_30d",
                               "value": i % 20} for i in range(1000)]}))
PY

ticks() { # CPU time (1/100 s) used so far by the processes matching a pattern
  local total=0 pid
  for pid in $(pgrep -f "$1"); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
rate() { awk '/Requests\/sec/ {print $2}'; }
wrk_run() { # name, then wrk arguments; prints requests/s after a warm-up run
  local name=$1; shift
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -H "$AUTH" "$@" >/dev/null 2>&1 || true
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "$AUTH" "$@" >"$OUT/wrk-$name.txt" 2>&1
  local r; r=$(rate <"$OUT/wrk-$name.txt")
  local errors; errors=$(grep -E "Non-2xx|Socket errors" "$OUT/wrk-$name.txt" | tr '\n' ' ' || true)
  echo "wrk $name: $r req/s ${errors}" >&2
  echo "$r"
}

openloop() { # method, url, rate, [body]
  CONNECTIONS=$CONNECTIONS java -cp "$HDR" bench/OpenLoop.java "$1" "$2" "$3" "$DURATION" ${4:-} \
    | tee -a "$OUT/openloop.txt"
}
: >"$OUT/openloop.txt"
p70() { awk -v r="$1" 'BEGIN {printf "%d", r * 0.7}'; }


pgbench_hot_path() { # sets PGTPS
  echo "== pgbench: the ingest hot path's SQL, $CONNECTIONS clients, same PostgreSQL"
  # The bench database is thrown away: a real score as history stores it, and 1000 accounts.
  psql -q -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
create table bench_payload as
  select h.result, l.contributions
  from health_latest l
  join health_history h using (tenant_id, account_id, scorecard_id, seq)
  where l.account_id = 'bench-1' and l.scorecard_id = 'default';
insert into account (tenant_id, account_id)
select 'default', 'pgbench-' || g from generate_series(0, 999) g on conflict do nothing;
SQL
  # The service's own statements (see IngestStore): create-if-missing and lock the account, read
  # what re-scoring needs, write signal + history row + projection; one transaction. (The service
  # pipelines them in two round trips; pgbench sends one statement per round trip.)
  curl -fs -H "$AUTH" "$APP/v1/scorecards/default" >"$DATA/scorecard.json"
  python3 - "$DATA/scorecard.json" >"$DATA/hot_path.sql" <<'PY'
import json, re, sys
card = json.load(open(sys.argv[1]))

def days(iso):  # ISO-8601 durations as the API writes them: P90D or PT2160H
    d, h = re.fullmatch(r"P(?:(\d+)D)?(?:T(?:(\d+)H)?)?", iso).groups()
    return int(d or 0) + int(h or 0) // 24

needs = {}
for g in card["groups"]:
    for m in g["measures"]:
        key, latest = m["signal"], m["aggregation"] == "latest"
        horizon = max([days(d) for d in (m.get("window"), m.get("staleAfter")) if d] or [3650])
        old = needs.get(key, (0, True))
        needs[key] = (max(horizon, old[0]), latest and old[1])
keys = ",".join(needs)
since = ",".join(f"now() - interval '{d} days'" for d, _ in needs.values())
latest = ",".join("true" if l else "false" for _, l in needs.values())
windows = {k: d for k, (d, l) in needs.items() if not l}
wkeys = ",".join(windows)
wsince = ",".join(f"now() - interval '{d} days'" for d in windows.values()) or "null"
wstart = f"now() - interval '{max(windows.values(), default=0)} days'"
acct = "'pgbench-' || :n"
print(f"""\\set n random(0, 999)
BEGIN;
select set_config('healthscore.tenant_id', 'default', true), set_config('plan_cache_mode', 'force_generic_plan', true), set_config('enable_seqscan', 'off', true);
insert into account (tenant_id, account_id) select 'default', id from unnest(array[{acct}]) id order by id on conflict (tenant_id, account_id) do nothing;
select account_id from account where tenant_id = 'default' and account_id = any(array[{acct}]) order by account_id for update;
select 'o', l.account_id, l.key, l.number_value, l.label_value, l.observed_at, null::bigint, null::numeric from signal_latest l join unnest('{{{keys}}}'::text[], array[{since}]::timestamptz[], array[{latest}]::boolean[]) k(key, since, latest_only) on k.key = l.key and (k.latest_only or l.observed_at < k.since) where l.tenant_id = 'default' and l.account_id = any(array[{acct}]) union all select 'o', s.account_id, s.key, s.number_value, s.label_value, s.observed_at, null, null from signal s join unnest('{{{wkeys}}}'::text[], array[{wsince}]::timestamptz[]) w(key, since) on w.key = s.key and s.observed_at >= w.since where s.tenant_id = 'default' and s.account_id = any(array[{acct}]) and s.key = any('{{{wkeys}}}'::text[]) and s.observed_at >= {wstart} union all select 'p', account_id, band, null, contributions::text, null, seq, score from health_latest where tenant_id = 'default' and account_id = any(array[{acct}]) union all select 'e', account_id, event_id, null, null, null, null, null from signal where tenant_id = 'default' and account_id = any(array[{acct}]) and event_id = any(array['p' || :client_id || '-' || random(0, 1000000000)]) union all select 'a', account_id, arr_currency, arr_amount::float8, attributes::text, null, null, null from account where tenant_id = 'default' and account_id = any(array[{acct}]) union all select 'v', null, null, null, null, null, current_version, null from scorecard where tenant_id = 'default' union all select 'x', account_id, null, null, json_build_object('band', band, 'reason', reason, 'expiresAt', expires_at)::text, null, null, null from health_override where tenant_id = 'default' and account_id = any(array[{acct}]) and scorecard_id = any(array['default']) and ended_at is null and expires_at > now();
with new_signal as (insert into signal (tenant_id, account_id, key, number_value, label_value, observed_at, source, event_id) values ('default', {acct}, 'active_users_ratio', 0.55, null, now(), 'pgbench', 'p' || :client_id || '-' || random(0, 1000000000))), new_score as (select {acct} as account_id, coalesce((select seq from health_latest where tenant_id = 'default' and account_id = {acct} and scorecard_id = 'default'), 0) + 1 as seq), history as (insert into health_history (tenant_id, account_id, scorecard_id, seq, scorecard_version, engine, score, band, coverage, trigger, computed_at, result) select 'default', account_id, 'default', seq, 1, 'weighted_mean', 61.5, 'yellow', 0.8, 'signals', now(), (select result::text from bench_payload)::json from new_score) insert into health_latest (tenant_id, account_id, scorecard_id, seq, scorecard_version, score, band, coverage, computed_at, contributions) select 'default', account_id, 'default', seq, 1, 61.5, 'yellow', 0.8, now(), (select contributions::text from bench_payload)::json from new_score on conflict (tenant_id, account_id, scorecard_id) do update set seq = excluded.seq, scorecard_version = excluded.scorecard_version, score = excluded.score, band = excluded.band, coverage = excluded.coverage, computed_at = excluded.computed_at, contributions = excluded.contributions;
END;""")
PY
  "$PGBENCH" -n -M prepared -c "$CONNECTIONS" -j 2 -T 5 -f "$DATA/hot_path.sql" >/dev/null 2>&1 || true
  "$PGBENCH" -n -M prepared -c "$CONNECTIONS" -j 2 -T "$DURATION" -f "$DATA/hot_path.sql" \
  >"$OUT/pgbench.txt" 2>&1
  PGTPS=$(awk '/^tps/ {print $3; exit}' "$OUT/pgbench.txt")
  echo "pgbench hot path: $PGTPS tps" >&2
}
