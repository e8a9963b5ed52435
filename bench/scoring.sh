#!/usr/bin/env bash
# Microbenchmark of the scoring core (no HTTP, no database). Prints figures; asserts nothing.
#
#   bench/scoring.sh [SECONDS]      (20 by default; the last seconds are the steady state)
set -euo pipefail
cd "$(dirname "$0")/.."
# Always compile (incremental, seconds): a benchmark of stale classes measures the wrong code.
CLASSPATH_FILE=target/bench-classpath.txt
./mvnw -q -B compile dependency:build-classpath -Dmdep.outputFile="$CLASSPATH_FILE"
java -cp "target/classes:$(cat "$CLASSPATH_FILE")" bench/ScoringBench.java "${1:-20}"
