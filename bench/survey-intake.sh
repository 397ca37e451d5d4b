#!/usr/bin/env bash
# survey-service intake bench (issue 3/11 acceptance):
#  1. accepted survey responses per second through the HTTP API (wrk, POST /api/v1/surveys/{token}/response,
#     each request a fresh invitation) against pgbench running the same SQL transaction (bench/survey/respond.sql,
#     same statements, same pipelining) at the same concurrency on the same database; ratio (target >= 0.7), p99;
#  2. the same for order intake with authentication on (POST /api/v1/orders with the INTEGRATION JWT, every order
#     invited) against bench/survey/orders.sql (issue 11: the intake figures must hold with auth on);
#  3. the time to import 100 000 historical responses through POST /api/v1/imports (target < 60 s).
# HTTP and pgbench alternate ROUNDS times (each DURATION) after one WARMUP of each; the ratio reported is the median
# of the per-round ratios, so a load swing on this shared machine hits both sides alike. Load averages are recorded.
# Every round also records the CPU each party spent per accepted answer (the service's JVM, all PostgreSQL processes,
# the load client: wrk or pgbench), so a ratio can be read as where the machine's two cores went.
# Env: CONNS (16), THREADS (2), DURATION (15s), WARMUP (60s), ROUNDS (5), IMPORT_ROWS (100000), PG_PORT (15441),
#      HTTP_PORT (18091), SKIP_ORDERS, SKIP_IMPORT, APP_JAVA_OPTS (extra JVM options for the service, e.g. a JFR
#      recording: -XX:StartFlightRecording=filename=/tmp/survey.jfr,settings=profile).
# Results: bench/results/survey-intake.md
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
CONNS=${CONNS:-16}
THREADS=${THREADS:-2}
DURATION=${DURATION:-15s}
ROUNDS=${ROUNDS:-5}
WARMUP=${WARMUP:-60s}
IMPORT_ROWS=${IMPORT_ROWS:-100000}
PG_PORT=${PG_PORT:-15441}
HTTP_PORT=${HTTP_PORT:-18091}
# bench invitations seeded for each side: enough for the warm-up and every round at up to 2 500 answers/s
INVITATIONS=${INVITATIONS:-$(( (${WARMUP%s} + ROUNDS * ${DURATION%s}) * 2500 ))}
OUT=bench/results/survey-intake.md
WORK=$(mktemp -d /tmp/npsloop-survey-intake.XXXX)
APP_PID=""; PG_DATA=""
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  [ -n "$APP_PID" ] && kill -TERM "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
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
NPSLOOP_RATE_LIMIT_ADDRESS_REQUESTS=1000000 NPSLOOP_RATE_LIMIT_TOKEN_REQUESTS=1000000 \
QUARKUS_LOG_CONSOLE_LEVEL=WARN setsid java -Xms256m -Xmx768m ${APP_JAVA_OPTS:-} -jar "$JAR" >"$WORK/app.log" 2>&1 &
APP_PID=$!
# setsid: the service runs in its own session like the pg_ctl-started PostgreSQL. With the kernel's autogroup
# scheduling (sched_autogroup_enabled=1 here) CPU is shared between sessions first, so a service left in this
# script's session would compete with wrk and pgbench for one session's share while PostgreSQL — the whole of the
# pgbench baseline's work — gets a share of its own: on a loaded machine that measures the scheduler, not the code.
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$HTTP_PORT/q/health/ready")" = 200 ]; do
  kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$WORK/app.log"; exit 1; }; sleep 0.2
done

N=$INVITATIONS
echo "seeding $N + $N invitations ..."
$PSQL -v n="$N" -f bench/survey/seed.sql
$PSQL -c "CREATE SEQUENCE IF NOT EXISTS pgb_order_seq"
TOKEN=$(bash bench/survey/mint-token.sh "$KEYS/privateKey.pem" INTEGRATION)
load() { cut -d' ' -f1-3 /proc/loadavg; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
D=${DURATION%s}

# CPU accounting, in clock ticks: the service's JVM (all its threads), and PostgreSQL (the postmaster, its live
# processes, and every process it has reaped, such as pgbench's backends once pgbench disconnects).
TICK_MS=$((1000 / $(getconf CLK_TCK)))
ticks_of() { awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$1/stat" 2>/dev/null || echo 0; }
jvm_ticks() { ticks_of "$APP_PID"; }
pg_ticks() {
  local pm t=0 c
  pm=$(head -1 "$PG_DATA/postmaster.pid")
  t=$(awk '{sub(/^.*\) /, ""); print $12 + $13 + $14 + $15}' "/proc/$pm/stat")
  for c in $(pgrep -P "$pm"); do t=$((t + $(ticks_of "$c"))); done
  echo "$t"
}
# pg_settled <count>: waits (up to 10 s) until PostgreSQL has no more processes than before a run, so that the
# backends of a finished pgbench have exited and been reaped (their CPU then shows in the postmaster's children)
pg_settled() {
  local pm i
  pm=$(head -1 "$PG_DATA/postmaster.pid")
  for i in $(seq 100); do [ "$(pgrep -c -P "$pm")" -le "$1" ] && return; sleep 0.1; done
}
# client_ms <output file> <command...>: runs the command, prints the CPU milliseconds it used (user + system)
client_ms() {
  local out=$1; shift
  ( "$@" >"$out" 2>&1 || true; times ) | tail -1 | awk '{
      split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%d\n", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1000 }'
}
# per_op <ticks> <ops>: milliseconds per operation
per_op() { awk -v t="$1" -v n="$2" -v ms="$TICK_MS" 'BEGIN {printf "%.3f", (n > 0 ? t * ms / n : 0)}'; }

# run_http <lua> <duration>: prints "rps p99 created other jvm_ms pg_ms client_ms" (CPU per accepted request)
run_http() {
  local lua=$1 dur=$2 off j0 p0 cms j1 p1 created
  # continue past what earlier runs used: the highest answered bench invitation, or orders already reported
  case "$lua" in
    *orders.lua) off=$($PSQL -c "SELECT count(*) FROM service_order WHERE order_id LIKE 'WRK-%'") ;;
    *) off=$($PSQL -c "SELECT coalesce(max(substr(order_id, 4)::int) + 1, 0) FROM response WHERE order_id LIKE 'wrk%'") ;;
  esac
  j0=$(jvm_ticks); p0=$(pg_ticks)
  cms=$(client_ms "$WORK/wrk.txt" env OFFSET="$off" THREADS="$THREADS" TOKEN="$TOKEN" wrk -t"$THREADS" -c"$CONNS" -d"$dur" --latency \
    -s "$lua" "http://localhost:$HTTP_PORT")
  j1=$(jvm_ticks); p1=$(pg_ticks)
  created=$(awk '/^CREATED/ {print $2}' "$WORK/wrk.txt")
  awk -v j="$(per_op $((j1 - j0)) "$created")" -v p="$(per_op $((p1 - p0)) "$created")" \
      -v c="$(awk -v c="$cms" -v n="$created" 'BEGIN {printf "%.3f", c / n}')" \
    '/^CREATED/ {printf "%.1f %.2f %d %d %s %s %s\n", $2 / $6, $10, $2, $4, j, p, c}' "$WORK/wrk.txt"
}
# run_pgb <sql> <seconds>: prints "tps p99 jvm_ms pg_ms client_ms" (CPU per transaction)
run_pgb() {
  rm -f "$WORK"/pgb.*
  local tps p99 n j0 p0 cms j1 p1 procs
  procs=$(pgrep -c -P "$(head -1 "$PG_DATA/postmaster.pid")")
  j0=$(jvm_ticks); p0=$(pg_ticks)
  cms=$(client_ms "$WORK/pgbench.txt" pgbench -h localhost -p "$PG_PORT" -U npsloop -n -c "$CONNS" -j "$THREADS" -T "$2" -M prepared -f "$1" \
    npsloop_survey --log --log-prefix="$WORK/pgb")
  pg_settled "$procs"
  j1=$(jvm_ticks); p1=$(pg_ticks)
  tps=$(grep -E '^tps' "$WORK/pgbench.txt" | head -1 | sed -E 's/tps = ([0-9.]+).*/\1/')
  n=$(sed -nE 's/^number of transactions actually processed: ([0-9]+).*/\1/p' "$WORK/pgbench.txt")
  p99=$(cat "$WORK"/pgb.* | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int(NR*0.99)]/1000}')
  printf "%.1f %s %s %s %s\n" "$tps" "$p99" "$(per_op $((j1 - j0)) "$n")" "$(per_op $((p1 - p0)) "$n")" \
    "$(awk -v c="$cms" -v n="$n" 'BEGIN {printf "%.3f", c / n}')"
}
# settle: each run starts from the same database state: the dead rows of the run before vacuumed, then a checkpoint
# (a checkpoint otherwise lands in whichever run is going when its timeout expires, and the full-page images written
# after it slow that run alone; autovacuum likewise)
settle() {
  $PSQL -c "VACUUM (ANALYZE) invitation, response, feed_event, passive_task, service_order, contact"
  $PSQL -c "CHECKPOINT"
}
# phase <name> <lua> <sql>: warm-up both, then ROUNDS alternating rounds; fills $WORK/<name>.rounds with
# "round  rps p99 created other jvm pg wrk  tps p99 jvm pg pgbench  load1 load5 load15"
phase() {
  local name=$1 lua=$2 sql=$3
  echo "$name: warm-up ($WARMUP each) ..."
  run_http "$lua" "$WARMUP" > /dev/null; run_pgb "$sql" "${WARMUP%s}" > /dev/null
  : > "$WORK/$name.rounds"
  for r in $(seq "$ROUNDS"); do
    local l0 h p
    settle; l0=$(load); h=$(run_http "$lua" "$DURATION"); settle; p=$(run_pgb "$sql" "$D")
    echo "$r $h $p $l0" | tee -a "$WORK/$name.rounds"
  done
}
summary() { # <name> -> "http_rps http_p99 pgb_tps pgb_p99 ratio"
  local f=$WORK/$1.rounds
  local hr hp pt pp ra
  hr=$(awk '{print $2}' "$f" | median); hp=$(awk '{print $3}' "$f" | median)
  pt=$(awk '{print $9}' "$f" | median); pp=$(awk '{print $10}' "$f" | median)
  ra=$(awk '{printf "%.3f\n", $2 / $9}' "$f" | median)
  echo "$hr $hp $pt $pp $(printf '%.2f' "$ra")"
}
rounds_table() { # <name>
  awk '{printf "| %d | %s | %s ms | %s / %s / %s | %s | %s ms | %s / %s / %s | %.2f | %s %s %s |\n",
        $1, $2, $3, $6, $7, $8, $9, $10, $11, $12, $13, $2 / $9, $14, $15, $16}' "$WORK/$1.rounds"
}

LOAD_START=$(load)
phase responses bench/survey/respond.lua bench/survey/respond.sql
read -r R_HTTP R_HP99 R_PGB R_PP99 R_RATIO <<<"$(summary responses)"
STORED=$($PSQL -c "SELECT count(*) FROM response")
if [ -z "${SKIP_ORDERS:-}" ]; then
  phase orders bench/survey/orders.lua bench/survey/orders.sql
  read -r O_HTTP O_HP99 O_PGB O_PP99 O_RATIO <<<"$(summary orders)"
fi

IMPORT_SECS="-"; IMPORT_ACCEPTED="-"; IMPORT_LOAD="-"
if [ -z "${SKIP_IMPORT:-}" ]; then
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
IMPORT_LOAD=$(load)
T0=$(date +%s.%N)
curl -s -o "$WORK/import.json" -w '%{http_code}\n' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv; charset=UTF-8' \
  --data-binary @"$WORK/import.csv" "http://localhost:$HTTP_PORT/api/v1/imports" > "$WORK/import.code"
T1=$(date +%s.%N)
IMPORT_SECS=$(awk -v a="$T0" -v b="$T1" 'BEGIN {printf "%.1f", b - a}')
IMPORT_ACCEPTED=$(python3 -c "import json,sys; r=json.load(open('$WORK/import.json')); print(r['accepted'], len(r['rejected']))")
IMPORT_LOAD="$IMPORT_LOAD → $(load)"
echo "import: HTTP $(cat "$WORK/import.code"), accepted/rejected $IMPORT_ACCEPTED in $IMPORT_SECS s"
fi
LOAD_END=$(load)

mkdir -p bench/results
{
cat <<MD
# survey-intake bench

$(date -u +%Y-%m-%dT%H:%MZ). Machine: $(nproc) vCPU $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs),
$(free -g | awk '/Mem:/ {print $2}') GB RAM, **load average $LOAD_START at start, $LOAD_END at the end** (shared machine).
PostgreSQL $(psql -h localhost -p "$PG_PORT" -U npsloop -d postgres -tAc 'SHOW server_version') (throwaway instance,
fsync on, shared_buffers 512MB), survey-service jar with JVM -Xmx768m, both on this machine, each in its own session
(kernel autogroup scheduling: $(cat /proc/sys/kernel/sched_autogroup_enabled 2>/dev/null || echo n/a)). Each side warmed up
$WARMUP at the same concurrency, then $ROUNDS alternating rounds of $DURATION each, every run starting after a VACUUM
(ANALYZE) of the written tables and a CHECKPOINT; medians of the rounds. CPU per answer: the service's JVM, every
PostgreSQL process, the load client.

## Accepted survey responses per second (concurrency $CONNS)

| path | accepted/s | p99 latency | notes |
|---|---|---|---|
| HTTP \`POST /api/v1/surveys/{token}/response\` (wrk, $THREADS threads) | $R_HTTP | $R_HP99 ms | only 201s count; $STORED responses stored in total (incl. warm-up) |
| pgbench, the same SQL transaction (\`bench/survey/respond.sql\`) | $R_PGB | $R_PP99 ms | $CONNS clients, $THREADS threads, prepared, same pipelining |
| **ratio HTTP / pgbench** | **$R_RATIO** | | target ≥ 0.7 |

| round | HTTP/s | HTTP p99 | CPU ms per answer: JVM / PostgreSQL / wrk | pgbench tps | pgbench p99 | CPU ms per transaction: JVM / PostgreSQL / pgbench | ratio | load average before the round |
|---|---|---|---|---|---|---|---|---|
$(rounds_table responses)
MD
if [ -z "${SKIP_ORDERS:-}" ]; then
cat <<MD

## Order intake with authentication on (concurrency $CONNS)

| path | invited orders/s | p99 latency | notes |
|---|---|---|---|
| HTTP \`POST /api/v1/orders\`, with the INTEGRATION JWT (verified, then remembered: \`npsloop.jwt-cache\`) (wrk) | $O_HTTP | $O_HP99 ms | only 201s count (fresh orderId and phone each) |
| pgbench, the same SQL transaction (\`bench/survey/orders.sql\`) | $O_PGB | $O_PP99 ms | same pipelining |
| **ratio HTTP / pgbench** | **$O_RATIO** | | target ≥ 0.7 (issue 11) |

| round | HTTP/s | HTTP p99 | CPU ms per answer: JVM / PostgreSQL / wrk | pgbench tps | pgbench p99 | CPU ms per transaction: JVM / PostgreSQL / pgbench | ratio | load average before the round |
|---|---|---|---|---|---|---|---|---|
$(rounds_table orders)
MD
fi
cat <<MD

## Bulk import

$IMPORT_ROWS rows through \`POST /api/v1/imports\`: **$IMPORT_SECS s** (accepted, rejected: $IMPORT_ACCEPTED;
target < 60 s; load average $IMPORT_LOAD).
MD
} > "$OUT"
cat "$OUT"
