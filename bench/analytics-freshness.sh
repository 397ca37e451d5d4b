#!/usr/bin/env bash
# analytics-service freshness (issue 6): under a steady stream of survey responses submitted through survey-service
# (RATE per second, one at a time, over HTTP), the latency from each response's submission to the moment
# analytics-service's GET /api/v1/nps counts it (polled without pause). Both services run from their jars on one
# throwaway PostgreSQL (two databases); analytics reads survey-service's real feed (relay + /api/v1/events).
# Target: p99 <= 1 s. Latency is taken from the moment the POST is sent (before the commit): an upper bound.
# Env: RATE (20), WARMUP (10 s), DURATION (60 s), PG_PORT (15436), SURVEY_PORT (18093), ANALYTICS_PORT (18094),
#      NPSLOOP_FEED_POLL_INTERVAL (analytics' application.properties default when unset), BUILD (1; 0 = use the
#      jars as they are, e.g. while another engineer's survey-service sources are half-edited).
# Results: bench/results/analytics-freshness.md
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RATE=${RATE:-20}
WARMUP=${WARMUP:-10}
DURATION=${DURATION:-60}
PG_PORT=${PG_PORT:-15436}
SURVEY_PORT=${SURVEY_PORT:-18093}
ANALYTICS_PORT=${ANALYTICS_PORT:-18094}
OUT=bench/results/analytics-freshness.md
WORK=$(mktemp -d /tmp/npsloop-analytics-freshness.XXXX)
S_PID=""; A_PID=""; PG_DATA=""
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  [ -n "$A_PID" ] && kill -TERM "$A_PID" 2>/dev/null && wait "$A_PID" 2>/dev/null || true
  [ -n "$S_PID" ] && kill -TERM "$S_PID" 2>/dev/null && wait "$S_PID" 2>/dev/null || true
  [ -n "$PG_DATA" ] && { as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast stop >/dev/null 2>&1 || true; }
  rm -rf "$WORK"
}
trap cleanup EXIT
# A port already taken (another run, another engineer's suite) would answer our readiness probe and the run would
# measure someone else's process: refuse to start instead.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in ${HTTP_PORT:-} ${PG_PORT:-} ${FEED_PORT:-} ${SURVEY_PORT:-} ${ANALYTICS_PORT:-}; do
  port_free "$port" || { echo "$(basename "$0"): port $port is in use; set HTTP_PORT/PG_PORT to free ones" >&2; exit 2; }
done
command -v psql >/dev/null || { apt-get update -qq && apt-get install -y -qq postgresql-client >/dev/null; }
command -v curl >/dev/null || { apt-get update -qq && apt-get install -y -qq curl >/dev/null; }
python3 -c 'import cryptography' 2>/dev/null || { apt-get update -qq && apt-get install -y -qq python3-cryptography >/dev/null; }

for svc in survey-service analytics-service; do
  JAR=$svc/target/quarkus-app/quarkus-run.jar
  if [ ! -f "$JAR" ] || { [ "${BUILD:-1}" = 1 ] && [ -n "$(find $svc/src/main -newer "$JAR" -type f | head -1)" ]; }; then
    ./mvnw -B -q -pl $svc -am package -DskipTests
  fi
done
PG_BIN=$(dirname "$(readlink -f "$(command -v pg_ctl || echo /usr/lib/postgresql/15/bin/pg_ctl)")")
[ -x "$PG_BIN/initdb" ] || { apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | tail -1); }
PG_DATA=$WORK/pgdata; mkdir -p "$PG_DATA"; [ "$(id -u)" = 0 ] && chown -R postgres "$WORK"
as_pg "$PG_BIN/initdb" -D "$PG_DATA" -A trust -U npsloop >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$WORK/pg.log" -w -o "-p $PG_PORT -k $WORK -c listen_addresses=localhost \
  -c max_connections=200 -c shared_buffers=512MB" start >/dev/null
for db in npsloop_survey npsloop_analytics; do psql -h localhost -p "$PG_PORT" -U npsloop -d postgres -qc "CREATE DATABASE $db"; done

KEYS=$ROOT/test-support/src/main/resources/npsloop-test-keys
COMMON="NPSLOOP_JWT_PUBLIC_KEY=file:$KEYS/publicKey.pem NPSLOOP_JWT_PRIVATE_KEY=file:$KEYS/privateKey.pem \
  QUARKUS_DATASOURCE_USERNAME=npsloop QUARKUS_DATASOURCE_PASSWORD=npsloop QUARKUS_LOG_CONSOLE_LEVEL=WARN"
env $COMMON QUARKUS_HTTP_PORT=$SURVEY_PORT \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://localhost:$PG_PORT/npsloop_survey \
  QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://localhost:$PG_PORT/npsloop_survey \
  NPSLOOP_CUSTOMER_KEY_SECRET=bench-secret NPSLOOP_AUTHENTICITY_SALT=bench-salt \
  java -Xms256m -Xmx512m -jar survey-service/target/quarkus-app/quarkus-run.jar >"$WORK/survey.log" 2>&1 &
S_PID=$!
env $COMMON QUARKUS_HTTP_PORT=$ANALYTICS_PORT \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://localhost:$PG_PORT/npsloop_analytics \
  QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://localhost:$PG_PORT/npsloop_analytics \
  QUARKUS_REST_CLIENT_SURVEY_URL=http://127.0.0.1:$SURVEY_PORT NPSLOOP_FEED_SOURCES=survey \
  java -Xms256m -Xmx512m -jar analytics-service/target/quarkus-app/quarkus-run.jar >"$WORK/analytics.log" 2>&1 &
A_PID=$!
for p in "$SURVEY_PORT:$S_PID:survey" "$ANALYTICS_PORT:$A_PID:analytics"; do
  IFS=: read -r port pid name <<<"$p"
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$port/q/health/ready")" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { echo "$name did not start:"; tail -30 "$WORK/$name.log"; exit 1; }; sleep 0.3
  done
done

N=$(python3 -c "print(int($RATE * ($WARMUP + $DURATION)) + 10)")
psql -h localhost -p "$PG_PORT" -U npsloop -d npsloop_survey -X -q -v n="$N" -f bench/survey/seed.sql >/dev/null
TOKEN=$(python3 bench/analytics/mint-token.py "$KEYS/privateKey.pem" HQ_ANALYST)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "submitting $RATE/s for ${WARMUP}s warm-up + ${DURATION}s ..."
RES=$(python3 bench/analytics/freshness.py "http://localhost:$SURVEY_PORT" "http://localhost:$ANALYTICS_PORT" "$TOKEN" \
  "$RATE" "$WARMUP" "$DURATION" "$WORK/lat.tsv" | tee /dev/stderr | grep '^RESULT')
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
read -r _ MEASURED MISSING P50 P95 P99 MAX POLLS A50 A99 S50 S99 <<<"$RES"
POLL=$(grep -h '^npsloop.feed.poll-interval' analytics-service/src/main/resources/application.properties | cut -d= -f2)
RELAY=$(grep -h '^npsloop.feed.relay-interval' survey-service/src/main/resources/application.properties | cut -d= -f2)

mkdir -p bench/results
cat >"$OUT" <<MD
# analytics-service: freshness (survey response submitted → counted by analytics)

Run $(date -u +%Y-%m-%dT%H:%MZ) by \`bench/analytics-freshness.sh\`.
Machine: $(nproc) vCPU $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GB RAM,
load average $LOAD_BEFORE before and $LOAD_AFTER after the run (shared with other engineers' builds).
PostgreSQL $(psql -h localhost -p "$PG_PORT" -U npsloop -d postgres -tAc 'SHOW server_version') (one throwaway cluster, fsync on,
two databases), survey-service and analytics-service jars (JVM -Xmx512m each; jars built
$(date -u -r survey-service/target/quarkus-app/quarkus-run.jar +%H:%MZ) and $(date -u -r analytics-service/target/quarkus-app/quarkus-run.jar +%H:%MZ)), the probe (Python) on the same machine.

Load: $RATE responses per second through \`POST /api/v1/surveys/{token}/response\` (sequential), ${WARMUP} s warm-up
then ${DURATION} s measured. survey-service's relay every ${RELAY:-?}; analytics polls a drained feed every
${NPSLOOP_FEED_POLL_INTERVAL:-${POLL:-?}}. The probe polls \`GET /api/v1/nps?…&storeId=BENCH\` back to back ($POLLS polls).

| responses measured | never counted | p50 ms | p95 ms | p99 ms | max ms |
|---|---|---|---|---|---|
| $MEASURED | $MISSING | $P50 | $P95 | **$P99** | $MAX |

Latency = first poll that counts the response − the moment its POST was sent (includes survey-service's own
request time and commit, the relay, the feed poll, the rollup transaction and the query). Target: p99 ≤ 1 s.
The commit lies between the POST being sent and its 201 arriving: measured from the 201 instead (a lower bound of
commit → visible) p50 $A50 / p99 $A99 ms; survey-service's own POST time p50 $S50 / p99 $S99 ms.
MD
cat "$OUT"
