# Sourced by the bench scripts: starts the packaged service on a fresh embedded PostgreSQL
# (durable settings, as in production) and stops it, and removes its data, on exit.
# Sets APP, OUT, DATA and PG_PORT; psql/pgbench reach the database through PG* variables.
PG_PORT=${PG_PORT:-54329}
APP=http://localhost:8080
OUT=bench/results
mkdir -p "$OUT"
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B -DskipTests package
DATA=$(mktemp -d)
HEALTHSCORE_EMBEDDED_POSTGRES_DATA_DIR="$DATA/pg" HEALTHSCORE_EMBEDDED_POSTGRES_PORT=$PG_PORT \
  java -jar target/quarkus-app/quarkus-run.jar >"$OUT/service.log" 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null; wait $SERVICE 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do
  curl -fs "$APP/q/health/ready" >/dev/null 2>&1 && break
  sleep 1
done
curl -fs "$APP/q/health/ready" >/dev/null
export PGHOST=localhost PGPORT=$PG_PORT PGUSER=postgres PGDATABASE=healthscore
