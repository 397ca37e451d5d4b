#!/usr/bin/env bash
# Prints an RS256 JWT signed with the given PKCS#8 key: mint-token.sh <private-key.pem> <role> (openssl only).
set -euo pipefail
b64() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
head=$(printf '{"alg":"RS256","typ":"JWT"}' | b64)
body=$(printf '{"iss":"https://npsloop.dev/issuer","sub":"bench","groups":["%s"],"stores":[],"regions":[],"iat":%d,"exp":%d}' \
  "$2" "$now" "$((now + 7200))" | b64)
sig=$(printf '%s.%s' "$head" "$body" | openssl dgst -sha256 -sign "$1" -binary | b64)
echo "$head.$body.$sig"
