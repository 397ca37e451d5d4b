#!/usr/bin/env bash
# Shared runner of the bench/reliability-*.sh scripts: builds the services (tests skipped) when stale, runs ONE
# test class of the reliability/ module with the given -D parameters, and writes bench/results/reliability-<name>.md
# (machine, parameters, the figures the test reports, pass/fail). Not meant to be called directly.
# Usage: bench/reliability-run.sh <name> <TestClass> [-Dreliability.x=y ...]; MVN_FLAGS=-o for an offline machine.
set -euo pipefail
cd "$(dirname "$0")/.."
NAME=$1; TEST=$2; shift 2
OUT=bench/results/reliability-$NAME.md
ROWS=$(mktemp /tmp/npsloop-reliability-$NAME.XXXX)
trap 'rm -f "$ROWS"' EXIT

stale=0
for m in survey-service analytics-service referral-service gateway; do
  jar=$m/target/quarkus-app/quarkus-run.jar
  if [ ! -f "$jar" ] || [ -n "$(find "$m/src/main" "$m/pom.xml" -newer "$jar" -type f -print -quit)" ]; then stale=1; fi
done
if [ "$stale" = 1 ]; then
  echo "reliability-$NAME: building the services (./mvnw install -DskipTests)…" >&2
  ./mvnw -B -q ${MVN_FLAGS:-} -pl survey-service,analytics-service,referral-service,gateway -am install -DskipTests
fi

started=$(date -u +%FT%TZ); t0=$(date +%s)
LOG=/tmp/npsloop-reliability-$NAME.log
if ./mvnw -B -q ${MVN_FLAGS:-} -pl reliability verify -Dtest="$TEST" -Dsurefire.failIfNoSpecifiedTests=false \
  -Dreliability.results="$ROWS" "$@" >"$LOG" 2>&1; then status=PASS; else status=FAIL; fi
grep -E '^\[(crash|outage|fuzz|fuzz-graphql|soak)\]|FINDING|Tests run|FAIL' "$LOG" || true
took=$(( $(date +%s) - t0 ))

{
  echo "# reliability-$NAME"
  echo
  echo "Run $started by \`bench/reliability-$NAME.sh\` ($TEST, ${took} s, **$status**) with: \`$*\`"
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB RAM,"\
       "load average before/after: $(cut -d' ' -f1-3 /proc/loadavg) (shared with other builds)."
  echo
  echo "| finished | test | figures |"
  echo "|---|---|---|"
  cat "$ROWS"
  if [ "$status" = FAIL ]; then
    echo
    echo "Failures (from the Surefire report):"
    echo '```'
    grep -h -A3 -E '<<< FAIL|AssertionError|FINDING' "/tmp/npsloop-reliability-$NAME.log" | head -60 || true
    echo '```'
  fi
} > "$OUT"
echo "reliability-$NAME: $status, results in $OUT"
[ "$status" = PASS ]
