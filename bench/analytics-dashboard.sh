#!/usr/bin/env bash
# analytics-service weekly dashboard at scale: loads ROWS (default 10,000,000) responses straight into PostgreSQL
# (generate_series SQL, bench/analytics/load.sql): a raw responses table for the naive baseline and the service's
# rollups built from it. Then times GET /api/v1/dashboard?week=2026-W48 over HTTP (whole chain, one store;
# REQUESTS sequential requests after a warm-up: p50/p95/p99) against the naive SQL computing the same figures from
# the raw table (bench/analytics/naive-dashboard.sql, NAIVE_RUNS runs each), side by side in the same run.
# Targets: dashboard p95 <= 50 ms; >= 100x faster than the naive SQL.
# Env: ROWS, REQUESTS (200), NAIVE_RUNS (10), PG_PORT (15434), HTTP_PORT (18082), KEEP=1 keeps the cluster.
# Results: bench/results/analytics-dashboard.md
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ROWS=${ROWS:-10000000}
REQUESTS=${REQUESTS:-1000}
# requests sent before timing, per URL: a steady-state JVM (C2 compiles the request path after ~1 000 requests)
WARMUP=${WARMUP:-1000}
NAIVE_RUNS=${NAIVE_RUNS:-10}
PG_PORT=${PG_PORT:-15434}
HTTP_PORT=${HTTP_PORT:-18082}
OUT=bench/results/analytics-dashboard.md
WORK=${WORK:-$(mktemp -d /tmp/npsloop-analytics-bench.XXXX)}
APP_PID=""
PG_DATA=""

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  [ -n "$APP_PID" ] && kill -TERM "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  if [ -n "$PG_DATA" ] && [ -z "${KEEP:-}" ]; then as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast stop >/dev/null 2>&1 || true; rm -rf "$WORK"; fi
}
trap cleanup EXIT
# A port already taken (another run, another engineer's suite) would answer our readiness probe and the run would
# measure someone else's process: refuse to start instead.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$HTTP_PORT" $((HTTP_PORT + 1)); do  # PG_PORT may be our own cluster kept by KEEP=1
  port_free "$port" || { echo "$(basename "$0"): port $port is in use; set HTTP_PORT/PG_PORT to free ones" >&2; exit 2; }
done

command -v psql >/dev/null || { apt-get update -qq && apt-get install -y -qq postgresql-client >/dev/null; }
command -v curl >/dev/null || { apt-get update -qq && apt-get install -y -qq curl >/dev/null; }
python3 -c 'import cryptography' 2>/dev/null || { apt-get update -qq && apt-get install -y -qq python3-cryptography >/dev/null; }

JAR=analytics-service/target/quarkus-app/quarkus-run.jar
if [ ! -f "$JAR" ] || [ -n "$(find analytics-service/src/main -newer "$JAR" -type f | head -1)" ]; then
  ./mvnw -B -q -pl analytics-service -am verify -DskipTests
fi

# --- a throwaway PostgreSQL cluster
PG_BIN=$(dirname "$(readlink -f "$(command -v pg_ctl || echo /usr/lib/postgresql/15/bin/pg_ctl)")")
[ -x "$PG_BIN/initdb" ] || { apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | tail -1); }
PG_DATA=$WORK/pgdata
if [ ! -d "$PG_DATA" ]; then
  mkdir -p "$PG_DATA"; [ "$(id -u)" = 0 ] && chown -R postgres "$WORK"
  as_pg "$PG_BIN/initdb" -D "$PG_DATA" -A trust -U npsloop >/dev/null
fi
as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1 || as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$WORK/pg.log" -w -o "-p $PG_PORT -k $WORK -c listen_addresses=localhost \
  -c fsync=off -c synchronous_commit=off -c shared_buffers=2GB -c max_connections=100 -c max_wal_size=8GB" start >/dev/null
psql -h localhost -p "$PG_PORT" -U npsloop -d postgres -qc "CREATE DATABASE npsloop_analytics" >/dev/null 2>&1 || true
PSQL="psql -h localhost -p $PG_PORT -U npsloop -d npsloop_analytics -X -q"

# --- the service (feeds off: the data is loaded straight into its tables); Flyway creates the schema
KEYS=$ROOT/test-support/src/main/resources/npsloop-test-keys
QUARKUS_HTTP_PORT=$HTTP_PORT QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://localhost:$PG_PORT/npsloop_analytics \
QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://localhost:$PG_PORT/npsloop_analytics \
QUARKUS_DATASOURCE_USERNAME=npsloop QUARKUS_DATASOURCE_PASSWORD=npsloop \
NPSLOOP_JWT_PUBLIC_KEY=file:$KEYS/publicKey.pem NPSLOOP_JWT_PRIVATE_KEY=file:$KEYS/privateKey.pem \
NPSLOOP_FEED_ENABLED=false QUARKUS_LOG_CONSOLE_LEVEL=WARN \
  java -Xms256m -Xmx512m -jar "$JAR" >"$WORK/app.log" 2>&1 &
APP_PID=$!
BASE=http://localhost:$HTTP_PORT
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/q/health/ready")" = 200 ]; do
  kill -0 "$APP_PID" 2>/dev/null || { echo "analytics-service did not start:"; tail -30 "$WORK/app.log"; exit 1; }
  sleep 0.3
done

# --- load
LOADED=$($PSQL -tAc "SELECT count(*) FROM raw_response" 2>/dev/null || echo 0)
LOAD_S="(reused)"
if [ "$LOADED" != "$ROWS" ]; then
  echo "loading $ROWS responses ..."
  T0=$(date +%s.%N)
  $PSQL -v rows="$ROWS" -f bench/analytics/load.sql
  LOAD_S=$(echo "$(date +%s.%N) - $T0" | bc)
elif [ "$($PSQL -tAc "SELECT count(*) FROM rollup_week WHERE store_id = '*'")" = 0 ]; then
  $PSQL -f bench/analytics/chain-rows.sql   # data loaded by an earlier version of load.sql
fi
FINE_ROWS=$($PSQL -tAc "SELECT count(*) FROM rollup_fine")
DIM_ROWS=$($PSQL -tAc "SELECT count(*) FROM rollup_dim")
SIZES=$($PSQL -tAc "SELECT string_agg(relname || ' ' || pg_size_pretty(pg_total_relation_size(oid)), ', ') FROM pg_class WHERE relname IN ('raw_response','rollup_fine','rollup_dim')")

TOKEN=$(python3 bench/analytics/mint-token.py "$KEYS/privateKey.pem" HQ_ANALYST)

# --- exactness spot check: the service's W48 figures equal the raw table's
read -r RN RP RD <<<"$($PSQL -tAF' ' -c "SELECT count(*), count(*) FILTER (WHERE score >= 9), count(*) FILTER (WHERE score <= 6) FROM raw_response WHERE day BETWEEN DATE '2026-11-23' AND DATE '2026-11-29'")"
J=$(curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/dashboard?week=2026-W48")
SN=$(echo "$J" | jq .nps.n); SP=$(echo "$J" | jq .nps.promoters); SD=$(echo "$J" | jq .nps.detractors)
CHECK="raw n/promoters/detractors $RN/$RP/$RD, dashboard $SN/$SP/$SD"
[ "$RN $RP $RD" = "$SN $SP $SD" ] && CHECK="equal: $CHECK" || CHECK="DIFFERENT: $CHECK"
echo "$CHECK"

# --- time the service over HTTP
pct() { sort -n | awk -v p="$1" '{a[NR]=$1} END {i=int((NR*p+99)/100); if (i<1) i=1; printf "%.1f", a[i]}'; }
time_http() { # url -> file of ms: one keep-alive connection, sequential requests, as the gateway's pooled REST
  # client calls the service (curl opened a new TCP connection per request: it timed the handshake and the acceptor
  # thread as much as the service)
  python3 - "$1" "$TOKEN" "$REQUESTS" "$WARMUP" >"$2" <<'PY'
import http.client, sys, time, urllib.parse
url, token, n, warmup = urllib.parse.urlsplit(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
path = url.path + ("?" + url.query if url.query else "")
def get():
    conn.request("GET", path, headers={"Authorization": "Bearer " + token})
    r = conn.getresponse(); r.read()
    if r.status != 200: raise SystemExit(f"{path}: HTTP {r.status}")
for _ in range(warmup): get()
for _ in range(n):
    t0 = time.perf_counter(); get(); print(f"{(time.perf_counter() - t0) * 1000:.3f}")
PY
}
time_http "$BASE/api/v1/dashboard?week=2026-W48" "$WORK/chain.ms"
time_http "$BASE/api/v1/dashboard?week=2026-W48&storeId=S001" "$WORK/store.ms"

# --- the same with the dashboard cache off (npsloop.query.cache-size=0): every request reads the rollups, as the
# first request after each feed commit does on a live system
QUARKUS_HTTP_PORT=$((HTTP_PORT + 1)) QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://localhost:$PG_PORT/npsloop_analytics \
QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://localhost:$PG_PORT/npsloop_analytics \
QUARKUS_DATASOURCE_USERNAME=npsloop QUARKUS_DATASOURCE_PASSWORD=npsloop \
NPSLOOP_JWT_PUBLIC_KEY=file:$KEYS/publicKey.pem NPSLOOP_JWT_PRIVATE_KEY=file:$KEYS/privateKey.pem \
NPSLOOP_FEED_ENABLED=false NPSLOOP_QUERY_CACHE_SIZE=0 QUARKUS_LOG_CONSOLE_LEVEL=WARN \
  java -Xms256m -Xmx512m -jar "$JAR" >"$WORK/app-nocache.log" 2>&1 &
NC_PID=$!
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$((HTTP_PORT + 1))/q/health/ready")" = 200 ]; do
  kill -0 "$NC_PID" 2>/dev/null || { echo "second instance did not start:"; tail -30 "$WORK/app-nocache.log"; exit 1; }
  sleep 0.3
done
NC=http://localhost:$((HTTP_PORT + 1))
time_http "$NC/api/v1/dashboard?week=2026-W48" "$WORK/chain-nc.ms"
time_http "$NC/api/v1/dashboard?week=2026-W48&storeId=S001" "$WORK/store-nc.ms"
kill -TERM "$NC_PID"; wait "$NC_PID" 2>/dev/null || true
LOAD_HTTP=$(cut -d' ' -f1-3 /proc/loadavg)

# --- time the naive SQL (server-side execution measured by psql's \timing)
time_naive() { # storefilter -> file of ms
  for i in $(seq 0 "$NAIVE_RUNS"); do
    { echo '\timing on'; echo '\o /dev/null'; cat bench/analytics/naive-dashboard.sql; } \
      | $PSQL -v from=2026-11-09 -v to=2026-11-29 -v storefilter="$1" 2>&1 | awk '/^Time:/ {print $2}' | tail -1
  done | tail -n +2 >"$2"   # the first run warms the cache and is not counted
}
time_naive "" "$WORK/naive-chain.ms"
time_naive "AND store_id = 'S001'" "$WORK/naive-store.ms"

C50=$(pct 50 <"$WORK/chain.ms"); C95=$(pct 95 <"$WORK/chain.ms"); C99=$(pct 99 <"$WORK/chain.ms")
S50=$(pct 50 <"$WORK/store.ms"); S95=$(pct 95 <"$WORK/store.ms"); S99=$(pct 99 <"$WORK/store.ms")
NC50=$(pct 50 <"$WORK/naive-chain.ms"); NC95=$(pct 95 <"$WORK/naive-chain.ms")
NS50=$(pct 50 <"$WORK/naive-store.ms"); NS95=$(pct 95 <"$WORK/naive-store.ms")
U50=$(pct 50 <"$WORK/chain-nc.ms"); U95=$(pct 95 <"$WORK/chain-nc.ms"); U99=$(pct 99 <"$WORK/chain-nc.ms")
V50=$(pct 50 <"$WORK/store-nc.ms"); V95=$(pct 95 <"$WORK/store-nc.ms"); V99=$(pct 99 <"$WORK/store-nc.ms")
RU=$(echo "scale=0; $NC95 / $U95" | bc); RV=$(echo "scale=0; $NS95 / $V95" | bc)
RC=$(echo "scale=0; $NC95 / $C95" | bc); RS=$(echo "scale=0; $NS95 / $S95" | bc)
RC50=$(echo "scale=0; $NC50 / $C50" | bc); RS50=$(echo "scale=0; $NS50 / $S50" | bc)

mkdir -p bench/results
cat >"$OUT" <<MD
# analytics-service: weekly dashboard at $ROWS responses

Run $(date -u +%Y-%m-%dT%H:%MZ) by \`bench/analytics-dashboard.sh\`.

Machine: $(nproc) vCPU $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GB RAM,
shared with other builds while measured; PostgreSQL $($PSQL -tAc 'SHOW server_version') (fsync off, shared_buffers 2GB),
$(java -version 2>&1 | head -1), service JVM -Xmx512m. Client: Python, one keep-alive connection, sequential, same machine.

Data: $ROWS responses over 182 days (ISO weeks 2026-W22..W48), 100 stores in 10 regions, ten segment attributes,
ratings, reasons, flags, recovery cases. Load (raw table + indexes + rollups): ${LOAD_S} s.
Rollup rows: rollup_fine $FINE_ROWS, rollup_dim $DIM_ROWS. Sizes: $SIZES.
Exactness spot check (W48): $CHECK.

| query (week 2026-W48 with W47 and W46 for the deltas) | p50 ms | p95 ms | p99 ms |
|---|---|---|---|
| service, \`GET /api/v1/dashboard?week=2026-W48\` (whole chain, HTTP incl. JWT + JSON), $REQUESTS requests after $WARMUP warm-up | $C50 | $C95 | $C99 |
| service, same with \`&storeId=S001\` | $S50 | $S95 | $S99 |
| service, cache off (\`npsloop.query.cache-size=0\`), whole chain | $U50 | $U95 | $U99 |
| service, cache off, \`&storeId=S001\` | $V50 | $V95 | $V99 |
| naive SQL on raw_response (whole chain), $NAIVE_RUNS runs | $NC50 | $NC95 | — |
| naive SQL on raw_response (\`store_id = 'S001'\`), $NAIVE_RUNS runs | $NS50 | $NS95 | — |

Ratio naive ÷ service at p95: whole chain **${RC}×**, one store **${RS}×** (at p50: ${RC50}×, ${RS50}×); cache off:
whole chain **${RU}×**, one store **${RV}×**. Load average after the HTTP timings: $LOAD_HTTP.
Targets: p95 ≤ 50 ms; ≥ 100× the naive SQL. The naive figure is server-side SQL time only (no HTTP, no JSON),
with indexes on (day) and (store_id, day); the service's figure is the whole HTTP round trip.
MD
cat "$OUT"
