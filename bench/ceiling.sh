#!/usr/bin/env bash
# How close to the throughput targets the service's stack lets it come on this machine. Prints
# figures; asserts nothing.
#
#   bench/ceiling.sh        (DURATION=20 CONNECTIONS=8 by default, like bench/run.sh)
#
# It builds a throwaway copy of the service with bench/ceiling/Ceiling.java added: endpoints
# that take bench/run.sh's requests through the same HTTP server, authentication and (for
# ingest) connection pool, driver and SQL as the real ones, but with parsing, scoring or JSON
# rendering replaced by results made once at start. Their rates bound what any scoring and JSON
# code could reach: the targets' ratios (ingest >= 80 % of the pgbench hot path, stateless
# scoring >= 70 % of /q/health/live, its summary view >= 60 %) are compared with them here.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=target/ceiling-build
rm -rf "$BUILD" && mkdir -p "$BUILD"
git ls-files -z pom.xml mvnw .mvn src openapi | xargs -0 cp --parents -t "$BUILD"
cp bench/ceiling/Ceiling.java "$BUILD/src/main/java/io/healthscore/health/"
echo "== building the service with the ceiling endpoints ($BUILD)"
(cd "$BUILD" && ./mvnw -q -B -DskipTests package)

WARMUP=${WARMUP:-5}
APP_JAR=$BUILD/target/quarkus-app/quarkus-run.jar
. bench/service.sh
. bench/common.sh
# Builds the ceiling endpoints' canned results, on a worker thread (they read the scorecard).
curl -fs -H "$AUTH" -XPOST "$APP/v1/ceiling/accounts/bench-0/signals" \
  -H 'content-type: application/json' -d @"$DATA/ingest.json" >/dev/null

INGEST_PATH="/v1/accounts/bench-{n}/signals"
CEILING_INGEST_PATH="/v1/ceiling/accounts/bench-{n}/signals"
echo "== JIT warm-up (${JIT_WARMUP:-90}s, every path at once)"
warming=()
for path in /v1/score "/v1/score?view=summary" /v1/ceiling/score/canned \
    /v1/ceiling/score/parsed /v1/ceiling/score/rendered /v1/ceiling/score/summary; do
  wrk -t1 -c1 -d"${JIT_WARMUP:-90}s" -H "$AUTH" -s bench/post.lua "$APP" -- \
    "$DATA/score.json" "$path" >/dev/null 2>&1 &
  warming+=($!)
done
for path in "$INGEST_PATH" "$CEILING_INGEST_PATH"; do
  wrk -t1 -c2 -d"${JIT_WARMUP:-90}s" -H "$AUTH" -s bench/post.lua "$APP" -- \
    "$DATA/ingest.json" "$path" >/dev/null 2>&1 &
  warming+=($!)
done
wait "${warming[@]}"

ingest_run() { # name, path; prints "requests/s JVM-us/request PostgreSQL-us/request"
  local jvm pg rate
  jvm=$(ticks "java .*-jar $APP_JAR"); pg=$(ticks "postgres")
  rate=$(wrk_run "$1" -s bench/post.lua "$APP" -- "$DATA/ingest.json" "$2")
  awk -v r="$rate" -v j=$(($(ticks "java .*-jar $APP_JAR") - jvm)) \
      -v p=$(($(ticks "postgres") - pg)) -v d="$((DURATION + WARMUP))" \
      'BEGIN {printf "%s %.0f %.0f\n", r, j * 1e4 / (r * d), p * 1e4 / (r * d)}'
}

echo "== closed loop (wrk, $CONNECTIONS connections, ${DURATION}s each)"
LIVE=$(wrk_run live "$APP/q/health/live")
CANNED=$(wrk_run ceiling-canned -s bench/post.lua "$APP" -- "$DATA/score.json" \
  /v1/ceiling/score/canned)
PARSED=$(wrk_run ceiling-parsed -s bench/post.lua "$APP" -- "$DATA/score.json" \
  /v1/ceiling/score/parsed)
RENDERED=$(wrk_run ceiling-rendered -s bench/post.lua "$APP" -- "$DATA/score.json" \
  /v1/ceiling/score/rendered)
SCORE=$(wrk_run score -s bench/post.lua "$APP" -- "$DATA/score.json" /v1/score)
CEILING_SUMMARY=$(wrk_run ceiling-summary -s bench/post.lua "$APP" -- "$DATA/score.json" \
  /v1/ceiling/score/summary)
SUMMARY=$(wrk_run score-summary -s bench/post.lua "$APP" -- "$DATA/score.json" \
  "/v1/score?view=summary")
read -r CEILING_INGEST CEILING_JVM CEILING_PG <<<"$(ingest_run ceiling-ingest "$CEILING_INGEST_PATH")"
openloop POST "$APP$CEILING_INGEST_PATH" "$(p70 "$CEILING_INGEST")" "$DATA/ingest.json"
read -r INGEST INGEST_JVM INGEST_PG <<<"$(ingest_run ingest "$INGEST_PATH")"
openloop POST "$APP$INGEST_PATH" "$(p70 "$INGEST")" "$DATA/ingest.json"
pgbench_hot_path

echo "== summary (2-core machine: service, PostgreSQL and load generator share it)"
awk -v live="$LIVE" -v canned="$CANNED" -v parsed="$PARSED" -v rendered="$RENDERED" \
    -v score="$SCORE" -v csummary="$CEILING_SUMMARY" -v summary="$SUMMARY" -v pg="$PGTPS" -v cingest="$CEILING_INGEST" -v ingest="$INGEST" \
    -v cjvm="$CEILING_JVM" -v cpg="$CEILING_PG" -v jvm="$INGEST_JVM" -v ipg="$INGEST_PG" 'BEGIN {
  row = "  %-58s %8.0f req/s %5.1f%%\n"
  printf "stateless scoring, as %% of /q/health/live (%.0f req/s; target >= 70%%)\n", live
  printf row, "request read, reply made at start (no parse, score, JSON)", canned, 100 * canned / live
  printf row, "request parsed and validated, reply made at start", parsed, 100 * parsed / live
  printf row, "request read, score made at start rendered by Jackson", rendered, 100 * rendered / live
  printf row, "POST /v1/score (all of it)", score, 100 * score / live
  printf "stateless scoring, summary view (target >= 60%% of /q/health/live)\n"
  printf row, "request parsed and validated, summary made at start rendered", csummary, 100 * csummary / live
  printf row, "POST /v1/score?view=summary (all of it)", summary, 100 * summary / live
  printf "ingest, as %% of the pgbench hot path (%.0f tps; target >= 80%%)\n", pg
  printf row, "same HTTP, auth, JDBC and SQL; score and reply made at start", cingest, 100 * cingest / pg
  printf "  %-58s JVM %.0f us, PostgreSQL %.0f us per request\n", "", cjvm, cpg
  printf row, "POST /v1/accounts/{id}/signals (all of it)", ingest, 100 * ingest / pg
  printf "  %-58s JVM %.0f us, PostgreSQL %.0f us per request\n", "", jvm, ipg
}' | tee "$OUT/ceiling-summary.txt"
