#!/usr/bin/env bash
# Hostile input (issue 9 item 3), full size: PER_ENDPOINT (150) requests for every operation of the three
# services' OpenAPI documents (>= 10 000 in all) plus GRAPHQL (2000) hostile GraphQL requests to the gateway.
# Pass: no 5xx, every 4xx problem+json (GraphQL: or an errors document), no row written by a rejected request,
# stored scripts escaped. Findings: reliability/target/fuzz-findings.md. Results: bench/results/reliability-fuzz.md
exec "$(dirname "$0")/reliability-run.sh" fuzz HostileInputTest -Dreliability.gateway=true \
  -Dreliability.fuzz-per-endpoint="${PER_ENDPOINT:-150}" -Dreliability.fuzz-graphql="${GRAPHQL:-2000}"
