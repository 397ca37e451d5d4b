#!/usr/bin/env bash
# Crash consistency (issue 9 item 1), full size: RESPONSES (20000) survey responses and CLICKS (5000) referral
# clicks while analytics-service and referral-service are each killed with SIGKILL KILLS (3) times and restarted.
# Pass: analytics' NPS counts = survey's stored responses, analytics' clicks = referral's stored clicks, one code
# per promoter. Results: bench/results/reliability-crash.md
exec "$(dirname "$0")/reliability-run.sh" crash CrashConsistencyTest \
  -Dreliability.responses="${RESPONSES:-20000}" -Dreliability.clicks="${CLICKS:-5000}" -Dreliability.kills="${KILLS:-3}"
