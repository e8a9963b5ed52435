#!/usr/bin/env bash
# Benchmark of a running healthscore on this machine. Prints figures; asserts nothing.
#
#   bench/run.sh            (DURATION=20 CONNECTIONS=8 by default)
#
# It starts the packaged service with a fresh embedded PostgreSQL (durable settings, as in
# production), seeds accounts, then measures with wrk (closed loop, maximum throughput) and with
# bench/OpenLoop.java (open loop at a fixed rate, latency from the intended send time), plus
# this machine's ceilings: pgbench running the ingest hot path's SQL against the same PostgreSQL
# with the same number of clients, and the trivial /q/health/live endpoint.
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/service.sh
. bench/common.sh

# The JIT: under load on two cores, C2 kept compiling (up to a third of a core) for minutes and
# the ingest rate rose ~60 % meanwhile. Every measured path runs at once first, so that figures
# are of the warm service a production instance is after its first minutes.
echo "== JIT warm-up (${JIT_WARMUP:-90}s, every path at once)"
warming=()
for target in "-s bench/get.lua $APP -- /v1/accounts/bench-{n}/health" \
    "-s bench/post.lua $APP -- $DATA/score.json /v1/score" \
    "-s bench/post.lua $APP -- $DATA/ingest.json /v1/accounts/bench-{n}/signals" \
    "-s bench/post.lua $APP -- $DATA/batch.json /v1/signals/batch"; do
  # shellcheck disable=SC2086 # the target is a list of wrk arguments
  wrk -t1 -c2 -d"${JIT_WARMUP:-90}s" -H "$AUTH" $target >/dev/null 2>&1 &
  warming+=($!)
done
wait "${warming[@]}"

# Each open-loop run (70 % of the closed-loop maximum, latency from the intended send time)
# follows its closed-loop run at once, so that both see the same database: after the batch run
# or pgbench, checkpoints and autovacuum of what they wrote would be measured instead.
echo "== closed loop (wrk, $CONNECTIONS connections, ${DURATION}s), then open loop at 70 %"
LIVE=$(wrk_run live "$APP/q/health/live")
READ=$(wrk_run read -s bench/get.lua "$APP" -- "/v1/accounts/bench-{n}/health")
openloop GET "$APP/v1/accounts/bench-{n}/health" "$(p70 "$READ")"
SCORE=$(wrk_run score -s bench/post.lua "$APP" -- "$DATA/score.json" "/v1/score")
openloop POST "$APP/v1/score" "$(p70 "$SCORE")" "$DATA/score.json"
SUMMARY=$(wrk_run score-summary -s bench/post.lua "$APP" -- "$DATA/score.json" \
  "/v1/score?view=summary")
INGEST=$(wrk_run ingest -s bench/post.lua "$APP" -- "$DATA/ingest.json" \
  "/v1/accounts/bench-{n}/signals")
openloop POST "$APP/v1/accounts/bench-{n}/signals" "$(p70 "$INGEST")" "$DATA/ingest.json"
BATCH=$(wrk_run batch -s bench/post.lua "$APP" -- "$DATA/batch.json" "/v1/signals/batch")

pgbench_hot_path

echo "== summary (2-core machine: service, PostgreSQL and load generator share it)"
awk -v ingest="$INGEST" -v pg="$PGTPS" -v score="$SCORE" -v live="$LIVE" -v read="$READ" \
    -v batch="$BATCH" -v summary="$SUMMARY" 'BEGIN {
  printf "ingest (1 signal/request)    %10.0f req/s   %5.1f%% of pgbench hot path (%0.f tps; target >= 80%%)\n", ingest, 100 * ingest / pg, pg
  printf "stateless scoring            %10.0f req/s   %5.1f%% of /q/health/live (%0.f req/s; target >= 70%%)\n", score, 100 * score / live, live
  printf "stateless scoring, summary   %10.0f req/s   %5.1f%% of /q/health/live (target >= 60%%)\n", summary, 100 * summary / live
  printf "latest-score read            %10.0f req/s   (target >= 15000)\n", read
  printf "batch ingest                 %10.0f signals/s (%0.1f batches of 1000/s; target >= 90000)\n", batch * 1000, batch
}' | tee "$OUT/summary.txt"
