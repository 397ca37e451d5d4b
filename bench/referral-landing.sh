#!/usr/bin/env bash
# referral-service landing page: GET /r/{code} requests/s with the click recorded, against a bare Vert.x route
# (/bench/baseline/{code}) answering the same page bytes from memory, in the same JVM and the same run
# (target: ratio >= 0.5); QR PNG renders/s (qr.png?size=512, no ETag so every request renders); and after the
# run, clicks recorded in the database == landing requests the server answered.
# Baseline and landing runs alternate in ROUNDS rounds and the median ratio counts, so a neighbour's load that
# comes and goes (shared machines) hits both sides alike.
# Env: DURATION per run (default 10s), ROUNDS (3), CONNECTIONS (32), THREADS (2), NPSLOOP_BENCH_DB_URL (a JDBC URL of an existing
# PostgreSQL database to use instead of a throwaway cluster; user/password in NPSLOOP_BENCH_DB_USER/_PASSWORD).
# Results: bench/results/referral-landing.md
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
HTTP_PORT=${HTTP_PORT:-18083}
PG_PORT=${PG_PORT:-15433}
OUT=bench/results/referral-landing.md
WORK=$(mktemp -d /tmp/npsloop-referral-bench.XXXX)
APP_PID=""
PG_DATA=""

cleanup() {
  [ -n "$APP_PID" ] && kill -TERM "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  if [ -n "$PG_DATA" ]; then as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast stop >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
# A port already taken (another run, another engineer's suite) would answer our readiness probe and the run would
# measure someone else's process: refuse to start instead.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in ${HTTP_PORT:-} ${PG_PORT:-} ${FEED_PORT:-}; do
  port_free "$port" || { echo "$(basename "$0"): port $port is in use; set HTTP_PORT/PG_PORT to free ones" >&2; exit 2; }
done

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
command -v psql >/dev/null || { apt-get update -qq && apt-get install -y -qq postgresql-client >/dev/null; }

JAR=referral-service/target/quarkus-app/quarkus-run.jar
if [ ! -f "$JAR" ] || [ -n "$(find referral-service/src -newer "$JAR" -type f | head -1)" ]; then
  ./mvnw -B -q -pl referral-service -am verify -DskipTests
fi

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# --- database
if [ -n "${NPSLOOP_BENCH_DB_URL:-}" ]; then
  JDBC=$NPSLOOP_BENCH_DB_URL; DB_USER=${NPSLOOP_BENCH_DB_USER:-postgres}; DB_PASSWORD=${NPSLOOP_BENCH_DB_PASSWORD:-}
else
  PG_BIN=$(dirname "$(readlink -f "$(command -v pg_ctl || echo /usr/lib/postgresql/15/bin/pg_ctl)")")
  [ -x "$PG_BIN/initdb" ] || { apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | tail -1); }
  PG_DATA=$WORK/pgdata
  mkdir -p "$PG_DATA"; [ "$(id -u)" = 0 ] && chown -R postgres "$WORK"
  as_pg "$PG_BIN/initdb" -D "$PG_DATA" -A trust -U npsloop >/dev/null
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$WORK/pg.log" -w \
    -o "-p $PG_PORT -k $WORK -c listen_addresses=localhost -c fsync=off -c synchronous_commit=off -c max_connections=100" start >/dev/null
  psql -h localhost -p "$PG_PORT" -U npsloop -d postgres -qc "CREATE DATABASE npsloop_referral" >/dev/null
  JDBC=jdbc:postgresql://localhost:$PG_PORT/npsloop_referral; DB_USER=npsloop; DB_PASSWORD=npsloop
fi
REACTIVE=${JDBC#jdbc:}
PSQL_URL="postgresql://$DB_USER${DB_PASSWORD:+:$DB_PASSWORD}@${REACTIVE#postgresql://}"

# --- the service, with its rate limit out of the way (wrk is one client) and the baseline route on
KEYS=$ROOT/test-support/src/main/resources/npsloop-test-keys
QUARKUS_HTTP_PORT=$HTTP_PORT QUARKUS_DATASOURCE_JDBC_URL=$JDBC QUARKUS_DATASOURCE_REACTIVE_URL=$REACTIVE \
QUARKUS_DATASOURCE_USERNAME=$DB_USER QUARKUS_DATASOURCE_PASSWORD=$DB_PASSWORD \
NPSLOOP_JWT_PUBLIC_KEY=file:$KEYS/publicKey.pem NPSLOOP_JWT_PRIVATE_KEY=file:$KEYS/privateKey.pem \
NPSLOOP_BENCH_BASELINE=true NPSLOOP_RATE_LIMIT_REQUESTS=1000000000 NPSLOOP_FEED_CONSUMER_ENABLED=false \
NPSLOOP_PUBLIC_BASE_URL=http://localhost:$HTTP_PORT QUARKUS_LOG_CONSOLE_LEVEL=WARN \
  java -Xms256m -Xmx512m -jar "$JAR" >"$WORK/app.log" 2>&1 &
APP_PID=$!
BASE=http://localhost:$HTTP_PORT
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/q/health/ready")" = 200 ]; do
  kill -0 "$APP_PID" 2>/dev/null || { echo "referral-service did not start:"; tail -30 "$WORK/app.log"; exit 1; }
  sleep 0.2
done

CODE=BENCH2345678
psql "$PSQL_URL" -q <<SQL
INSERT INTO store (store_id, name, city, region_id, status, updated_at) VALUES ('S01', '深圳福田服务中心', 'Shenzhen', 'R1', 'ACTIVE', now());
INSERT INTO referral_code (code, customer_key, store_id, display_name, status, source, created_at)
VALUES ('$CODE', repeat('a', 64), 'S01', '张*', 'ACTIVE', 'API', now());
SQL

clicks() { psql "$PSQL_URL" -tAc "SELECT count(*) FROM click WHERE code = '$CODE'"; }
metric() { curl -s "$BASE/q/metrics" | grep -E "$1" | awk '{ s += $NF } END { printf "%d", s }'; }
rps() { awk '/Requests\/sec/ { print $2 }' "$1"; }
requests() { awk '/requests in/ { print $1 }' "$1"; }
non2xx() { awk '/Non-2xx/ { print $NF }' "$1" | grep . || echo 0; }
run() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --latency "$1" >"$3"; }

# same bytes? (apart from the per-visit click token)
curl -s "$BASE/bench/baseline/$CODE" | sed 's/name="clickToken" value="[^"]*"//' >"$WORK/a.html"
curl -s "$BASE/r/$CODE" | sed 's/name="clickToken" value="[^"]*"//' >"$WORK/b.html"
cmp -s "$WORK/a.html" "$WORK/b.html" && SAME=yes || SAME=no
BYTES=$(wc -c <"$WORK/a.html")

# warm-up (JIT), then the measured runs, alternating
run "$BASE/bench/baseline/$CODE" 5s "$WORK/warm1.txt"
run "$BASE/r/$CODE" 5s "$WORK/warm2.txt"
run "$BASE/api/v1/referrals/$CODE/qr.png?size=512" 5s "$WORK/warm3.txt"
sleep 2
BEFORE_CLICKS=$(clicks)
BEFORE_SERVED=$(metric '^http_server_requests_seconds_count\{.*status="200".*uri="/r/[^"]*"')
RATIOS=()
for i in $(seq "$ROUNDS"); do
  run "$BASE/bench/baseline/$CODE" "$DURATION" "$WORK/baseline-$i.txt"
  run "$BASE/r/$CODE" "$DURATION" "$WORK/landing-$i.txt"
  RATIOS+=("$(awk -v l="$(rps "$WORK/landing-$i.txt")" -v b="$(rps "$WORK/baseline-$i.txt")" 'BEGIN { printf "%.2f", l / b }')")
done
run "$BASE/api/v1/referrals/$CODE/qr.png?size=512" "$DURATION" "$WORK/qr.txt"

# every click written? wait for the queue to drain
for _ in $(seq 100); do [ "$(metric '^npsloop_clicks_queued')" = 0 ] && break; sleep 0.2; done
sleep 1
AFTER_CLICKS=$(clicks)
AFTER_SERVED=$(metric '^http_server_requests_seconds_count\{.*status="200".*uri="/r/[^"]*"')
RECORDED=$((AFTER_CLICKS - BEFORE_CLICKS))
SERVED=$((AFTER_SERVED - BEFORE_SERVED))
WRK_REQ=0
for i in $(seq "$ROUNDS"); do WRK_REQ=$((WRK_REQ + $(requests "$WORK/landing-$i.txt"))); done
Q=$(rps "$WORK/qr.txt")
RATIO=$(printf '%s\n' "${RATIOS[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
VERDICT=$(awk -v r="$RATIO" 'BEGIN { print (r >= 0.5 ? "PASS" : "FAIL") }')
[ "$RECORDED" = "$SERVED" ] && CLICKS_OK=PASS || CLICKS_OK=FAIL

mkdir -p bench/results
{
  echo "# referral-landing — $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2/1048576 }' /proc/meminfo), $(java -version 2>&1 | head -1);"
  echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION per run after a 5 s warm-up each, baseline and landing alternating in $ROUNDS rounds;"
  echo "service, its PostgreSQL and wrk on the same machine; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| run | requests/s | requests | non-2xx |"
  echo "|---|---|---|---|"
  for i in $(seq "$ROUNDS"); do
    echo "| round $i baseline: bare Vert.x route, same page bytes ($BYTES B) from memory | $(rps "$WORK/baseline-$i.txt") | $(requests "$WORK/baseline-$i.txt") | $(non2xx "$WORK/baseline-$i.txt") |"
    echo "| round $i \`GET /r/{code}\` (look-up, page, click queued and written) — ratio ${RATIOS[$((i - 1))]} | $(rps "$WORK/landing-$i.txt") | $(requests "$WORK/landing-$i.txt") | $(non2xx "$WORK/landing-$i.txt") |"
  done
  echo "| \`GET /api/v1/referrals/{code}/qr.png?size=512\` (QR PNG renders) | $Q | $(requests "$WORK/qr.txt") | $(non2xx "$WORK/qr.txt") |"
  echo
  echo "- landing / baseline, median of ${RATIOS[*]} = **$RATIO** (target ≥ 0.5): **$VERDICT**; same bytes apart from the click token: $SAME"
  echo "- clicks recorded in the database during the run: $RECORDED; landing requests the server answered 200"
  echo "  (Micrometer): $SERVED; wrk counted $WRK_REQ responses (it drops those in flight at the end) — **$CLICKS_OK**"
  echo
  echo "Latency (landing):"
  echo '```'
  sed -n '/Latency Distribution/,/requests in/p' "$WORK/landing-$ROUNDS.txt"
  echo '```'
} | tee "$OUT"
