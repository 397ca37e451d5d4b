#!/usr/bin/env bash
# survey-service intake bench (issue 3/11 acceptance):
#  1. accepted survey responses per second through the HTTP API (wrk, POST /api/v1/surveys/{token}/response,
#     each request a fresh invitation) against pgbench running the same SQL transaction (bench/survey/respond.sql)
#     at the same concurrency on the same database; ratio (target >= 0.7) and p99 latency of both;
#  2. the time to import 100 000 historical responses through POST /api/v1/imports (target < 60 s).
# Env: CONNS (16), THREADS (2), DURATION (20s), WARMUP (20s, JIT warm-up of the service at full concurrency),
#      IMPORT_ROWS (100000), PG_PORT (15441), HTTP_PORT (18091).
# Results: bench/results/survey-intake.md
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
CONNS=${CONNS:-16}
THREADS=${THREADS:-2}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-20s}
IMPORT_ROWS=${IMPORT_ROWS:-100000}
PG_PORT=${PG_PORT:-15441}
HTTP_PORT=${HTTP_PORT:-18091}
PER_THREAD=${PER_THREAD:-60000}
OUT=bench/results/survey-intake.md
WORK=$(mktemp -d /tmp/npsloop-survey-intake.XXXX)
APP_PID=""; PG_DATA=""
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  [ -n "$APP_PID" ] && kill -TERM "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  [ -n "$PG_DATA" ] && { as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast stop >/dev/null 2>&1 || true; }
  rm -rf "$WORK"
}
trap cleanup EXIT
need() { command -v "$1" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk; need psql postgresql-client; need pgbench postgresql-contrib; need openssl openssl; need curl curl

JAR=survey-service/target/quarkus-app/quarkus-run.jar
if [ ! -f "$JAR" ] || [ -n "$(find survey-service/src/main -newer "$JAR" -type f | head -1)" ]; then
  ./mvnw -B -q -pl survey-service -am package -DskipTests
fi
PG_BIN=$(dirname "$(readlink -f "$(command -v pg_ctl || echo /usr/lib/postgresql/15/bin/pg_ctl)")")
[ -x "$PG_BIN/initdb" ] || { apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | tail -1); }
PG_DATA=$WORK/pgdata; mkdir -p "$PG_DATA"; [ "$(id -u)" = 0 ] && chown -R postgres "$WORK"
as_pg "$PG_BIN/initdb" -D "$PG_DATA" -A trust -U npsloop >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$WORK/pg.log" -w -o "-p $PG_PORT -k $WORK -c listen_addresses=localhost \
  -c max_connections=200 -c shared_buffers=512MB -c max_wal_size=4GB" start >/dev/null
psql -h localhost -p "$PG_PORT" -U npsloop -d postgres -qc "CREATE DATABASE npsloop_survey"
PSQL="psql -h localhost -p $PG_PORT -U npsloop -d npsloop_survey -X -q -tA"

KEYS=$ROOT/test-support/src/main/resources/npsloop-test-keys
QUARKUS_HTTP_PORT=$HTTP_PORT QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://localhost:$PG_PORT/npsloop_survey \
QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://localhost:$PG_PORT/npsloop_survey \
QUARKUS_DATASOURCE_USERNAME=npsloop QUARKUS_DATASOURCE_PASSWORD=npsloop \
NPSLOOP_JWT_PUBLIC_KEY=file:$KEYS/publicKey.pem NPSLOOP_JWT_PRIVATE_KEY=file:$KEYS/privateKey.pem \
NPSLOOP_CUSTOMER_KEY_SECRET=bench-secret NPSLOOP_AUTHENTICITY_SALT=bench-salt \
QUARKUS_LOG_CONSOLE_LEVEL=WARN java -Xms256m -Xmx768m -jar "$JAR" >"$WORK/app.log" 2>&1 &
APP_PID=$!
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$HTTP_PORT/q/health/ready")" = 200 ]; do
  kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$WORK/app.log"; exit 1; }; sleep 0.2
done

N=$((THREADS * PER_THREAD + 10))
echo "seeding $N + $N invitations ..."
$PSQL -v n="$N" -f bench/survey/seed.sql

echo "warm-up ..."
PER_THREAD=$PER_THREAD wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" -s bench/survey/respond.lua "http://localhost:$HTTP_PORT" >/dev/null 2>&1 || true
# the warm-up used tokens from the start of each thread's range; the measured run starts past them
WARM=$($PSQL -c "SELECT count(*) FROM response")
echo "warm-up answered $WARM"

echo "HTTP: wrk -t$THREADS -c$CONNS -d$DURATION ..."
# thread ranges start at tid*PER_THREAD; offset by the warm-up count so no token is reused
cat > "$WORK/respond.lua" <<LUA
$(sed "s/base = tonumber(tid) \* tonumber(os.getenv(\"PER_THREAD\") or \"100000\")/base = tonumber(tid) * tonumber(os.getenv(\"PER_THREAD\") or \"100000\") + $WARM/" bench/survey/respond.lua)
LUA
PER_THREAD=$PER_THREAD wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s "$WORK/respond.lua" \
  "http://localhost:$HTTP_PORT" | tee "$WORK/wrk.txt"
HTTP_LINE=$(grep '^CREATED' "$WORK/wrk.txt")
HTTP_CREATED=$(echo "$HTTP_LINE" | awk '{print $2}')
HTTP_OTHER=$(echo "$HTTP_LINE" | awk '{print $4}')
HTTP_SECS=$(echo "$HTTP_LINE" | awk '{print $6}')
HTTP_P99=$(echo "$HTTP_LINE" | awk '{print $10}')
HTTP_RPS=$(awk -v c="$HTTP_CREATED" -v s="$HTTP_SECS" 'BEGIN {printf "%.1f", c / s}')
STORED=$($PSQL -c "SELECT count(*) FROM response")

echo "pgbench: -c$CONNS -j$THREADS -T${DURATION%s} ..."
sleep 2
pgbench -h localhost -p "$PG_PORT" -U npsloop -n -c "$CONNS" -j "$THREADS" -T "${WARMUP%s}" -M prepared \
  -f bench/survey/respond.sql npsloop_survey >/dev/null 2>&1
pgbench -h localhost -p "$PG_PORT" -U npsloop -n -c "$CONNS" -j "$THREADS" -T "${DURATION%s}" -M prepared -r \
  -P 5 -f bench/survey/respond.sql npsloop_survey --log --log-prefix="$WORK/pgb" 2>&1 | tee "$WORK/pgbench.txt"
PGB_TPS=$(grep -E '^tps' "$WORK/pgbench.txt" | head -1 | sed -E 's/tps = ([0-9.]+).*/\1/')
PGB_P99=$(cat "$WORK"/pgb.* | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int(NR*0.99)]/1000}')
RATIO=$(awk -v h="$HTTP_RPS" -v p="$PGB_TPS" 'BEGIN {printf "%.2f", h / p}')

echo "import: $IMPORT_ROWS rows ..."
python3 - "$IMPORT_ROWS" > "$WORK/import.csv" <<'PY'
import sys, random
n = int(sys.argv[1]); random.seed(7)
st = ["RESCUE", "MAINTENANCE", "REPAIR", "TYRE", "OTHER"]; pt = ["SELF_PAY", "WARRANTY", "INSURANCE"]
vk = ["FIRST_SERVICE", "ROUTINE", "REPEAT_REPAIR"]; tags = ["WAIT_TIME", "PRICE", "REPAIR_QUALITY", "ATTITUDE"]
print("orderId,storeId,advisorId,technicianId,closedAt,serviceType,paymentType,visitKind,amountCents,phone,name,"
      "tenureMonths,regionCode,locality,score,comment,answeredAt,responseSpeed,professionalism,transparency,care,reasons")
for i in range(n):
    d = 1 + i % 28; h = 8 + i % 10
    print(f"HIST-{i},S{i % 12:02d},A{i % 40},T{i % 60},2026-08-{d:02d}T{h:02d}:00:00+08:00,{st[i % 5]},{pt[i % 3]},"
          f"{vk[i % 3]},{random.randint(5000, 400000)},139{i:08d},客户{i},{i % 30},3100{i % 10},"
          f"{'LOCAL' if i % 4 else 'NON_LOCAL'},{random.randint(0, 10)},\"服务不错, 第{i}号\","
          f"2026-08-{d:02d}T{h + 2:02d}:00:00+08:00,{1 + i % 5},{1 + (i + 1) % 5},,{1 + (i + 3) % 5},{tags[i % 4]}")
PY
TOKEN=$(bash bench/survey/mint-token.sh "$KEYS/privateKey.pem" INTEGRATION)
T0=$(date +%s.%N)
curl -s -o "$WORK/import.json" -w '%{http_code}\n' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv; charset=UTF-8' \
  --data-binary @"$WORK/import.csv" "http://localhost:$HTTP_PORT/api/v1/imports" > "$WORK/import.code"
T1=$(date +%s.%N)
IMPORT_SECS=$(awk -v a="$T0" -v b="$T1" 'BEGIN {printf "%.1f", b - a}')
IMPORT_ACCEPTED=$(python3 -c "import json,sys; r=json.load(open('$WORK/import.json')); print(r['accepted'], len(r['rejected']))")
echo "import: HTTP $(cat "$WORK/import.code"), accepted/rejected $IMPORT_ACCEPTED in $IMPORT_SECS s"

mkdir -p bench/results
cat >"$OUT" <<MD
# survey-intake bench

$(date -u +%Y-%m-%dT%H:%MZ). Both sides warmed up for $WARMUP at the same concurrency first. Machine: $(nproc) vCPU $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs),
$(free -g | awk '/Mem:/ {print $2}') GB RAM, load average at start $(cut -d' ' -f1-3 /proc/loadavg) (shared machine).
PostgreSQL $(psql -h localhost -p "$PG_PORT" -U npsloop -d postgres -tAc 'SHOW server_version') (throwaway instance,
fsync on, shared_buffers 512MB), survey-service jar with JVM -Xmx768m, both on this machine.

## Accepted survey responses per second (concurrency $CONNS, $DURATION each)

| path | accepted/s | p99 latency | notes |
|---|---|---|---|
| HTTP \`POST /api/v1/surveys/{token}/response\` (wrk, $THREADS threads) | $HTTP_RPS | $HTTP_P99 ms | $HTTP_CREATED × 201, $HTTP_OTHER other; $STORED responses stored in total (incl. warm-up) |
| pgbench, the same SQL transaction (\`bench/survey/respond.sql\`) | $PGB_TPS | $PGB_P99 ms | $CONNS clients, $THREADS threads, prepared |
| **ratio HTTP / pgbench** | **$RATIO** | | target ≥ 0.7 |

## Bulk import

$IMPORT_ROWS rows through \`POST /api/v1/imports\`: **$IMPORT_SECS s** (accepted, rejected: $IMPORT_ACCEPTED;
target < 60 s).
MD
cat "$OUT"
