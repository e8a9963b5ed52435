# Sourced by the bench scripts: starts the packaged service on a fresh embedded PostgreSQL
# (durable settings, as in production) and stops it, and removes its data, on exit.
# Sets APP, OUT, DATA and PG_PORT; psql/pgbench reach the database through PG* variables.
PG_PORT=${PG_PORT:-54329}
APP=http://localhost:8080
OUT=bench/results
mkdir -p "$OUT"
# APP_JAR: another build of the service (bench/ceiling.sh); by default this one's.
APP_JAR=${APP_JAR:-target/quarkus-app/quarkus-run.jar}
[ -f "$APP_JAR" ] || ./mvnw -q -B -DskipTests package
DATA=$(mktemp -d)
# A known admin key, and no rate limit: the bench measures the service, not its throttle.
API_KEY=hs_bench_admin_key_$(date +%s)_0000000000000000
AUTH="Authorization: Bearer $API_KEY"
export API_KEY
# The heap of the chart's default pod (1 GiB limit; the image fixes the heap at 75 % of it).
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xms768m -Xmx768m}
# shellcheck disable=SC2086 # a list of JVM options
HEALTHSCORE_BOOTSTRAP_ADMIN_KEY=$API_KEY HEALTHSCORE_RATE_LIMIT_ENABLED=false \
HEALTHSCORE_EMBEDDED_POSTGRES_DATA_DIR="$DATA/pg" HEALTHSCORE_EMBEDDED_POSTGRES_PORT=$PG_PORT \
  java $BENCH_JAVA_OPTS -jar "$APP_JAR" >"$OUT/service.log" 2>&1 &
SERVICE=$!
# The service stopped by SIGTERM exits with 143: under set -e that would be the bench's status.
trap 'kill $SERVICE 2>/dev/null; wait $SERVICE 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do
  curl -fs "$APP/q/health/ready" >/dev/null 2>&1 && break
  sleep 1
done
curl -fs "$APP/q/health/ready" >/dev/null
export PGHOST=localhost PGPORT=$PG_PORT PGUSER=postgres PGDATABASE=healthscore
# pgbench runs as the owner; set the tenant the policies expect where it matters.
