#!/usr/bin/env bash
# Soak (issue 9 item 4): mixed load through the gateway's GraphQL and the public survey and landing pages, first
# closed-loop for MAX_SECONDS (20) to measure the maximum rate, then SOAK_SECONDS (600) open-loop at half of it.
# Reports p50/p99, heap and RSS of every service and database connections at start and end.
# Results: bench/results/reliability-soak.md
exec "$(dirname "$0")/reliability-run.sh" soak SoakTest -Dreliability.gateway=true \
  -Dreliability.soak-seconds="${SOAK_SECONDS:-600}" -Dreliability.soak-max-seconds="${MAX_SECONDS:-20}"
