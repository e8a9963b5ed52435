#!/usr/bin/env bash
# File imports against the batch endpoint, in one run on this machine. Prints figures; asserts
# nothing.
#
#   bench/import.sh     (ACCOUNTS=100000 SIGNALS_PER_ACCOUNT=10 BIG_MB=1024; BIG_MB=0 skips the
#                        memory run)
#
# 1. The batch endpoint's rate (wrk, 1,000 signals per request, 10 per account, as in the files),
#    as bench/run.sh sends them and with an eventId each, as the files' signals carry; and the
#    cores and CPU per signal the JVM and PostgreSQL spent on each.
# 2. A book of business end to end: ACCOUNTS accounts, ACCOUNTS x SIGNALS_PER_ACCOUNT signals and
#    an outcome for every tenth account in one NDJSON file, from the first byte sent to the last
#    account re-scored.
# 3. The same number of new signals for those accounts as a signals-only file: signals/s end to
#    end, re-scoring included, against the batch endpoint's rate.
# 4. The service's resident memory while a BIG_MB file is streamed in (and merged).
# Every import's phases (upload, merge, re-scoring) are printed with their seconds and the cores
# the JVM and PostgreSQL kept busy in each.
set -euo pipefail
cd "$(dirname "$0")/.."

ACCOUNTS=${ACCOUNTS:-100000}
SIGNALS_PER_ACCOUNT=${SIGNALS_PER_ACCOUNT:-10}
BIG_MB=${BIG_MB:-1024}
. bench/service.sh
. bench/common.sh

KEYS='["active_users_ratio", "goals_met_ratio", "feature_breadth", "licenses_activated_ratio"]'

book() { # which: book | signals | big; writes NDJSON to stdout
  python3 - "$1" "$ACCOUNTS" "$SIGNALS_PER_ACCOUNT" "$BIG_MB" "$KEYS" <<'PY'
import json, sys
which, accounts, per, big_mb, keys = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), json.loads(sys.argv[5])
out = sys.stdout
if which == "book":
    for a in range(accounts):
        out.write('{"type":"account","accountId":"imp-%d","name":"Imported %d","arr":{"amount":%d,"currency":"USD"},"renewalDate":"2027-%02d-15","attributes":{"plan":"%s"}}\n'
                  % (a, a, 10000 + a % 90000, 1 + a % 12, ("starter", "pro", "enterprise")[a % 3]))
def signals(prefix, count):
    for i in range(count):
        a = i % accounts
        out.write('{"type":"signal","accountId":"imp-%d","key":"%s","value":0.%02d,"observedAt":"2026-%02d-%02dT08:00:00Z","eventId":"%s-%d"}\n'
                  % (a, keys[i % len(keys)], i % 100, 1 + i // accounts % 11, 1 + i % 28, prefix, i))
if which == "book":
    signals("b", accounts * per)
    for a in range(0, accounts, 10):
        churn = a % 50 == 0
        out.write('{"type":"outcome","accountId":"imp-%d","eventId":"renewal-%d","kind":"%s","date":"2026-06-30","arrBefore":%d,"arrAfter":%d}\n'
                  % (a, a, "churned" if churn else "renewed", 10000 + a % 90000, 0 if churn else 10000 + a % 90000))
elif which == "signals":
    signals("s", accounts * per)
else:
    line = 0
    written = 0
    limit = big_mb * 1024 * 1024
    while written < limit:
        a = line % accounts
        text = '{"type":"signal","accountId":"imp-%d","key":"%s","value":0.%02d,"observedAt":"2025-%02d-%02dT08:00:00Z","eventId":"g-%d"}\n' % (a, keys[line % len(keys)], line % 100, 1 + line // accounts % 12, 1 + line % 28, line)
        out.write(text)
        written += len(text)
        line += 1
PY
}

rss_mb() { awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$SERVICE/status"; }

# CPU time (1/100 s) so far of the service's JVM and of PostgreSQL, and the clock: "jvm pg ms".
cpu_now() { echo "$(ticks "java .*-jar $APP_JAR") $(ticks postgres) $(date +%s%3N)"; }

# Streams stdin to POST /v1/imports (chunked: the file is never whole in memory on either side),
# waits until the import is done, prints "seconds max-rss-mb", and appends each phase's seconds
# and the cores the JVM and PostgreSQL kept busy in it to $OUT/import-phases.txt.
import_file() {
  local start=$SECONDS max; max=$(rss_mb)
  local id begin uploaded merged=""
  begin=$(cpu_now)
  # A background command's stdin would be /dev/null: hand it the file through fd 3.
  exec 3<&0
  curl -fsS -H "$AUTH" -H 'content-type: application/x-ndjson' -X POST -T - \
    "$APP/v1/imports" <&3 >"$OUT/upload.json" &
  local upload=$!
  exec 3<&-
  while kill -0 $upload 2>/dev/null; do
    local now; now=$(rss_mb); [ "$now" -gt "$max" ] && max=$now
    sleep 0.5
  done
  wait $upload
  uploaded=$(cpu_now)
  id=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])' <"$OUT/upload.json")
  while true; do
    local state; state=$(curl -fsS -H "$AUTH" "$APP/v1/imports/$id" | python3 -c \
      'import json,sys; v=json.load(sys.stdin); print(v["status"], v.get("mergedAt") is not None)')
    local now; now=$(rss_mb); [ "$now" -gt "$max" ] && max=$now
    [ -z "$merged" ] && [ "${state#* }" = True ] && merged=$(cpu_now)
    [ "${state% *}" = done ] && break
    sleep 0.2
  done
  local done_at; done_at=$(cpu_now)
  [ -n "$merged" ] || merged=$done_at
  curl -fsS -H "$AUTH" "$APP/v1/imports/$id" >"$OUT/import-$id.json"
  echo "import $id: $begin / $uploaded / $merged / $done_at" | awk '{
    split("upload merge re-scoring", name, " ")
    n = 0
    for (f = 3; f <= NF; f++) if ($f != "/") v[n++] = $f
    printf "%s", $1 " " $2
    for (p = 0; p < 3; p++) {
      s = (v[3 * p + 5] - v[3 * p + 2]) / 1000
      printf "  %s %.1f s (JVM %.2f, PostgreSQL %.2f cores)", name[p + 1], s,
        (v[3 * p + 3] - v[3 * p]) / 100 / s, (v[3 * p + 4] - v[3 * p + 1]) / 100 / s
    }
    printf "\n"
  }' | tee -a "$OUT/import-phases.txt" >&2
  echo "$((SECONDS - start)) $max"
}

echo "== batch endpoint (wrk, $CONNECTIONS connections, ${DURATION}s)"
python3 - >"$DATA/batch-events.json" <<'PY'
import json
print(json.dumps({"signals": [{"accountId": "batch-{n}-%d" % (i % 100), "key": "tickets_30d",
                               "value": i % 20, "eventId": "e{i}-%d" % i} for i in range(1000)]}))
PY
# Runs the batch endpoint with a body; prints "signals/s|JVM x, PostgreSQL y cores; z us ...".
batch_run() {
  local before rate; before=$(cpu_now)
  rate=$(wrk_run "$1" -s bench/post.lua "$APP" -- "$DATA/$1.json" "/v1/signals/batch")
  echo "$before $(cpu_now)" | awk -v r="$rate" '{
    s = ($6 - $3) / 1000
    printf "%.0f|JVM %.2f, PostgreSQL %.2f cores; %.1f us of CPU per signal\n", r * 1000,
      ($4 - $1) / 100 / s, ($5 - $2) / 100 / s, (($4 - $1) + ($5 - $2)) * 1e4 / (r * 1000 * s) }'
}
IFS='|' read -r BATCH BATCH_CPU < <(batch_run batch)
IFS='|' read -r BATCH_EVENTS BATCH_EVENTS_CPU < <(batch_run batch-events)
: >"$OUT/import-phases.txt"

SIGNALS=$((ACCOUNTS * SIGNALS_PER_ACCOUNT))
echo "== book: $ACCOUNTS accounts, $SIGNALS signals, $((ACCOUNTS / 10)) outcomes in one file"
RSS_START=$(rss_mb)
read -r BOOK_S BOOK_RSS < <(book book | import_file)
echo "== $SIGNALS new signals for those accounts, signals-only file"
read -r SIG_S SIG_RSS < <(book signals | import_file)
if [ "$BIG_MB" -gt 0 ]; then
  echo "== $BIG_MB MB file"
  RSS_BEFORE_BIG=$(rss_mb)
  read -r BIG_S BIG_RSS < <(book big | import_file)
fi

echo "== summary (2-core machine: service, PostgreSQL and load generator share it)"
cat "$OUT/import-phases.txt"
awk -v batch="$BATCH" -v batchcpu="$BATCH_CPU" -v batchev="$BATCH_EVENTS" -v batchevcpu="$BATCH_EVENTS_CPU" -v signals="$SIGNALS" -v accounts="$ACCOUNTS" -v book="$BOOK_S" \
    -v sig="$SIG_S" -v rss0="$RSS_START" -v rssbook="$BOOK_RSS" -v rsssig="$SIG_RSS" \
    -v bigmb="$BIG_MB" -v big="${BIG_S:-0}" -v rssbig0="${RSS_BEFORE_BIG:-0}" -v rssbig="${BIG_RSS:-0}" 'BEGIN {
  printf "batch endpoint                  %10.0f signals/s (%s)\n", batch, batchcpu
  printf "batch endpoint, with eventIds   %10.0f signals/s (%s)\n", batchev, batchevcpu
  printf "book import, end to end         %10d s for %d accounts, %d signals, %d outcomes (re-scored)\n", book, accounts, signals, accounts / 10
  printf "signals import, end to end      %10.0f signals/s = %.2f x the batch endpoint (target >= 2), %.2f x with eventIds\n", signals / sig, signals / sig / batch, signals / sig / batchev
  printf "service RSS                     %10d MB at start, max %d MB (book), %d MB (signals)\n", rss0, rssbook, rsssig
  if (bigmb > 0) printf "%d MB file                     %10d s end to end; RSS %d MB before, max %d MB (+%d MB; target < 100)\n", bigmb, big, rssbig0, rssbig, rssbig - rssbig0
}' | tee "$OUT/import-summary.txt"
