#!/usr/bin/env bash
# analytics-service catch-up: EVENTS (default 1,000,000) queued events served by a local fake survey feed
# (bench/analytics/fake-feed.py, pages of 1000 pre-generated from the README's contract), consumed by the real
# service into an empty database; time from the service's start to the cursor reaching the last event
# (target <= 60 s on this 2-core machine). Checks afterwards that the rollups count every response once.
# Env: EVENTS, COMMENTS (1 = about 60 % of responses carry a masked comment, classified into topics as in
#      production; 0 = none), PG_PORT (15435), HTTP_PORT (18092), FEED_PORT (18099), APP_JAVA_OPTS (extra JVM
#      options for the service, e.g. -XX:StartFlightRecording=filename=/tmp/catchup.jfr,settings=profile).
# Results: bench/results/analytics-catchup.md
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
EVENTS=${EVENTS:-1000000}
COMMENTS=${COMMENTS:-1}
[ "$COMMENTS" = 0 ] || COMMENTS=1
PG_PORT=${PG_PORT:-15435}
HTTP_PORT=${HTTP_PORT:-18092}
FEED_PORT=${FEED_PORT:-18099}
OUT=bench/results/analytics-catchup.md
WORK=$(mktemp -d /tmp/npsloop-analytics-catchup.XXXX)
APP_PID=""; FEED_PID=""; PG_DATA=""
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  [ -n "$APP_PID" ] && kill -TERM "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  [ -n "$FEED_PID" ] && kill -TERM "$FEED_PID" 2>/dev/null || true
  [ -n "$PG_DATA" ] && { as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate stop >/dev/null 2>&1 || true; }
  rm -rf "$WORK"
}
trap cleanup EXIT
# A port already taken (another run, another engineer's suite) would answer our readiness probe and the run would
# measure someone else's process: refuse to start instead.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in ${HTTP_PORT:-} ${PG_PORT:-} ${FEED_PORT:-}; do
  port_free "$port" || { echo "$(basename "$0"): port $port is in use; set HTTP_PORT/PG_PORT to free ones" >&2; exit 2; }
done
command -v psql >/dev/null || { apt-get update -qq && apt-get install -y -qq postgresql-client >/dev/null; }

JAR=analytics-service/target/quarkus-app/quarkus-run.jar
if [ ! -f "$JAR" ] || [ -n "$(find analytics-service/src/main -newer "$JAR" -type f | head -1)" ]; then
  ./mvnw -B -q -pl analytics-service -am verify -DskipTests
fi
PG_BIN=$(dirname "$(readlink -f "$(command -v pg_ctl || echo /usr/lib/postgresql/15/bin/pg_ctl)")")
[ -x "$PG_BIN/initdb" ] || { apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | tail -1); }
PG_DATA=$WORK/pgdata; mkdir -p "$PG_DATA"; [ "$(id -u)" = 0 ] && chown -R postgres "$WORK"
as_pg "$PG_BIN/initdb" -D "$PG_DATA" -A trust -U npsloop >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$WORK/pg.log" -w -o "-p $PG_PORT -k $WORK -c listen_addresses=localhost \
  -c fsync=off -c synchronous_commit=off -c shared_buffers=1GB -c max_wal_size=4GB" start >/dev/null
psql -h localhost -p "$PG_PORT" -U npsloop -d postgres -qc "CREATE DATABASE npsloop_analytics"
PSQL="psql -h localhost -p $PG_PORT -U npsloop -d npsloop_analytics -X -q -tA"

# the pre-generated pages are kept per size and comment mode (generating 1 M events takes a minute)
SUFFIX=""; [ "$COMMENTS" = 0 ] || SUFFIX=-comments
FEED_DIR=${FEED_DIR:-/tmp/npsloop-analytics-feed-$EVENTS$SUFFIX}
echo "generating/serving $EVENTS events (comments: $COMMENTS) ..."
python3 bench/analytics/fake-feed.py "$FEED_PORT" "$EVENTS" "$FEED_DIR" "$COMMENTS" >"$WORK/feed.log" 2>&1 &
FEED_PID=$!
until grep -q serving "$WORK/feed.log" 2>/dev/null; do kill -0 $FEED_PID || { cat "$WORK/feed.log"; exit 1; }; sleep 1; done

KEYS=$ROOT/test-support/src/main/resources/npsloop-test-keys
T0=$(date +%s.%N)
QUARKUS_HTTP_PORT=$HTTP_PORT QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://localhost:$PG_PORT/npsloop_analytics \
QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://localhost:$PG_PORT/npsloop_analytics \
QUARKUS_DATASOURCE_USERNAME=npsloop QUARKUS_DATASOURCE_PASSWORD=npsloop \
NPSLOOP_JWT_PUBLIC_KEY=file:$KEYS/publicKey.pem NPSLOOP_JWT_PRIVATE_KEY=file:$KEYS/privateKey.pem \
QUARKUS_REST_CLIENT_SURVEY_URL=http://127.0.0.1:$FEED_PORT/survey QUARKUS_REST_CLIENT_REFERRAL_URL=http://127.0.0.1:$FEED_PORT/referral \
QUARKUS_LOG_CONSOLE_LEVEL=WARN java -Xms256m -Xmx768m ${APP_JAVA_OPTS:-} -jar "$JAR" >"$WORK/app.log" 2>&1 &
APP_PID=$!
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$HTTP_PORT/q/health/ready")" = 200 ]; do
  kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$WORK/app.log"; exit 1; }; sleep 0.2
done
T1=$(date +%s.%N)
# CPU seconds (user+system) of the service and of the whole PostgreSQL cluster (postmaster, live children, and
# children already gone): a figure the load of other processes on this shared machine does not inflate
TICK=$(getconf CLK_TCK)
cpu_of() { awk -v t="$TICK" '{print ($14 + $15) / t}' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_cpu() {
  local pm; pm=$(head -1 "$PG_DATA/postmaster.pid")
  { awk -v t="$TICK" '{print ($14 + $15 + $16 + $17) / t}' "/proc/$pm/stat"
    for c in $(pgrep -P "$pm"); do cpu_of "$c"; done; } | awk '{s += $1} END {printf "%.1f", s}'
}
APP_CPU0=$(cpu_of "$APP_PID"); PG_CPU0=$(pg_cpu)
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
POS=0
while [ "$POS" -lt "$EVENTS" ]; do
  sleep 0.5
  POS=$($PSQL -c "SELECT coalesce(max(position), 0) FROM feed_cursor WHERE source = 'survey'" 2>/dev/null || echo 0)
  kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$WORK/app.log"; exit 1; }
done
T2=$(date +%s.%N)
APP_CPU=$(echo "$(cpu_of "$APP_PID") - $APP_CPU0" | bc); PG_CPU=$(echo "$(pg_cpu) - $PG_CPU0" | bc)
LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)
PAGES=$(grep -h '^npsloop.feed.pages-per-transaction' analytics-service/src/main/resources/application.properties | cut -d= -f2)
START_S=$(echo "$T1 - $T0" | bc); CONSUME_S=$(echo "$T2 - $T1" | bc); TOTAL_S=$(echo "$T2 - $T0" | bc)
RATE=$(echo "scale=0; $EVENTS / $CONSUME_S" | bc)
RESP=$($PSQL -c "SELECT sum(n) FROM rollup_dim WHERE dim = 'ALL' AND store_id <> '*'")
FACTS=$($PSQL -c "SELECT count(*) FROM response_fact")
ORD=$($PSQL -c "SELECT sum(orders_completed) FROM rollup_week WHERE dim = 'ALL' AND store_id <> '*'")
# topic rollups: mentions counted incrementally (topic_rollup) against the per-comment rows (topic_comment, all
# within the sample retention here): equal when every classified comment was counted once
MENTIONS=$($PSQL -c "SELECT coalesce(sum(promoters + passives + detractors), 0) FROM topic_rollup")
SAMPLE_MENTIONS=$($PSQL -c "SELECT coalesce(sum(cardinality(topics)), 0) FROM topic_comment")
TOPIC_COMMENTS=$($PSQL -c "SELECT count(*) FROM topic_comment")
if [ "$COMMENTS" = 1 ]; then
  MODE="with comments (about 60 % of responses; mostly distinct Chinese texts, some short stock ones repeating)"
  [ "$MENTIONS" -gt 0 ] && [ "$MENTIONS" = "$SAMPLE_MENTIONS" ] && TOPIC_CHECK=ok || TOPIC_CHECK=FAILED
else
  MODE="without comments (COMMENTS=0)"
  [ "$MENTIONS" = 0 ] && TOPIC_CHECK=ok || TOPIC_CHECK=FAILED
fi
mkdir -p bench/results
cat >"$OUT" <<MD
# analytics-service: catch-up of $EVENTS queued events, $MODE

Run $(date -u +%Y-%m-%dT%H:%MZ) by \`bench/analytics-catchup.sh\`.
Machine: $(nproc) vCPU $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GB RAM,
shared with other engineers' builds while measured; PostgreSQL $($PSQL -c 'SHOW server_version') (fsync off),
$(java -version 2>&1 | head -1), service JVM -Xmx768m; the fake feed (Python, pre-generated pages) on the same machine.

Events: OrderCompleted, InvitationCreated, InvitationOpened, ResponseSubmitted in turn (survey-service README),
100 stores, ten segment attributes, COMMENTS=$COMMENTS; pages of 1000, applied ${NPSLOOP_FEED_PAGES_PER_TRANSACTION:-$PAGES} pages per
transaction while behind (\`npsloop.feed.pages-per-transaction\`), prefetch ${NPSLOOP_FEED_PREFETCH:-on}.
Load average when consuming started: $LOAD0; when it ended: $LOAD1.

| | seconds |
|---|---|
| service start to ready | $START_S |
| ready to cursor at event $EVENTS | **$CONSUME_S** ($RATE events/s) |
| total | $TOTAL_S |
| CPU used while consuming: service JVM | $APP_CPU |
| CPU used while consuming: PostgreSQL (all its processes) | $PG_CPU |

Target: 1 million events ≤ 60 s. Check: responses in the rollups $RESP = per-response rows $FACTS; orders $ORD.
Topics ($TOPIC_CHECK): $MENTIONS topic mentions in the topic rollups = $SAMPLE_MENTIONS in the $TOPIC_COMMENTS comment rows.
MD
cat "$OUT"
[ "$TOPIC_CHECK" = ok ] || { echo "topic rollups check failed" >&2; exit 1; }
