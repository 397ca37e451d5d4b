#!/usr/bin/env bash
# Database outage (issue 9 item 2), full length: PostgreSQL stopped OUTAGE_SECONDS (20) in the middle of a write
# load. Pass: clients see only 2xx or 503 + Retry-After, readiness DOWN then UP without restarts, every 2xx stored.
# Results: bench/results/reliability-outage.md
exec "$(dirname "$0")/reliability-run.sh" outage DatabaseOutageTest -Dreliability.outage-seconds="${OUTAGE_SECONDS:-20}"
