#!/usr/bin/env bash
# Launcher start-up: cold (empty state: initdb, migrations) and warm (data kept) time to "ready" for the whole
# suite, against the baseline of starting the same four service jars directly on an already-running database.
# Also each service's idle RSS after start-up. Results: bench/results/launcher-start.md
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUNS=${RUNS:-3}
OUT=bench/results/launcher-start.md
STATE=$(mktemp -d /tmp/npsloop-bench.XXXX)
LAUNCHER=""
trap '[ -n "$LAUNCHER" ] && kill -TERM "$LAUNCHER" 2>/dev/null && wait "$LAUNCHER" 2>/dev/null; rm -rf "$STATE"' EXIT
export NPSLOOP_STATE_DIR="$STATE" NPSLOOP_DEMO=false

./npsloop help >/dev/null   # builds the launcher when needed
./mvnw -B -q -pl survey-service,analytics-service,referral-service,gateway -am package -DskipTests

now_ms() { date +%s%3N; }

# Starts ./npsloop up; sets ELAPSED to the ms until "NPS Loop is ready"; leaves it running (pid in $LAUNCHER).
start_suite() {
  local log=$STATE/up.log t0
  t0=$(now_ms)
  ./npsloop up >"$log" 2>&1 &
  LAUNCHER=$!
  until grep -q "NPS Loop is ready" "$log"; do
    kill -0 "$LAUNCHER" 2>/dev/null || { echo "up failed:"; tail -20 "$log"; exit 1; }
    sleep 0.1
  done
  ELAPSED=$(( $(now_ms) - t0 ))
}
stop_suite() { kill -TERM "$LAUNCHER"; wait "$LAUNCHER" 2>/dev/null || true; }

rss_mb() { ps -o rss= -p "$1" | awk '{printf "%.0f", $1/1024}'; }

# Baseline: the same four jars started directly, in parallel, with the launcher's environment (other ports),
# against the database of the running suite: the time no launcher can beat.
direct_start() {
  local t0 pids=() ports=()
  t0=$(now_ms)
  for m in survey-service analytics-service referral-service gateway; do
    local pid port
    pid=$(pgrep -f -- "$ROOT/$m/target/quarkus-app/quarkus-run.jar" | head -1)
    port=$(( $(tr '\0' '\n' < /proc/"$pid"/environ | sed -n 's/^QUARKUS_HTTP_PORT=//p') + 1000 ))
    ( set -a; eval "$(tr '\0' '\n' < /proc/"$pid"/environ | grep -E '^(QUARKUS|NPSLOOP|MP_|SMALLRYE)[A-Z_]*=' | sed "s/'/'\\\\''/g; s/=\(.*\)/='\1'/")";
      QUARKUS_HTTP_PORT=$port exec java -XX:+UseSerialGC -Xms32m -Xmx384m -jar "$ROOT/$m/target/quarkus-app/quarkus-run.jar" ) >"$STATE/direct-$m.log" 2>&1 &
    pids+=($!); ports+=("$port")
  done
  for port in "${ports[@]}"; do
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$port/q/health/ready")" = 200 ]; do sleep 0.1; done
  done
  echo $(( $(now_ms) - t0 ))
  kill -TERM "${pids[@]}"; wait "${pids[@]}" 2>/dev/null || true
}

cold=(); warm=(); direct=()
declare -A rss
for i in $(seq "$RUNS"); do
  rm -rf "${STATE:?}"/*
  start_suite; cold+=("$ELAPSED"); stop_suite
  start_suite; warm+=("$ELAPSED")
  direct+=("$(direct_start)")
  if [ "$i" -eq "$RUNS" ]; then
    sleep 10   # idle
    for m in survey-service analytics-service referral-service gateway; do
      rss[$m]=$(rss_mb "$(pgrep -f -- "$ROOT/$m/target/quarkus-app/quarkus-run.jar" | head -1)")
    done
    pg_rss=$(rss_mb "$(pgrep -f -- "$STATE/pgdata" | head -1)")
  fi
  stop_suite
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mc=$(median "${cold[@]}"); mw=$(median "${warm[@]}"); md=$(median "${direct[@]}")
{
  echo "# Launcher start-up and idle RSS"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(uname -sr), $(java -version 2>&1 | head -1). Date: $(date -u +%F). Demo data off."
  echo
  echo "| measure | runs (ms) | median (ms) |"
  echo "|---|---|---|"
  echo "| cold \`./npsloop up\` (empty state: initdb, migrations) | ${cold[*]} | $mc |"
  echo "| warm \`./npsloop up\` (data kept) | ${warm[*]} | $mw |"
  echo "| baseline: the four jars started directly on a running database | ${direct[*]} | $md |"
  echo
  echo "Ratios: warm / baseline = $(awk -v a="$mw" -v b="$md" 'BEGIN {printf "%.2f", a/b}'), cold / baseline = $(awk -v a="$mc" -v b="$md" 'BEGIN {printf "%.2f", a/b}')."
  echo
  echo "| process | idle RSS (MiB), 10 s after ready |"
  echo "|---|---|"
  for m in survey-service analytics-service referral-service gateway; do echo "| $m | ${rss[$m]} |"; done
  echo "| embedded PostgreSQL (postmaster) | $pg_rss |"
} | tee "$OUT"
