#!/usr/bin/env bash
# Gateway overhead on the weekly dashboard: the GraphQL dashboard query through the gateway (JWT check, then its
# response cache: the remembered answer while analytics' data-version stream announces no change, else a conditional
# request to analytics or the full execution) against calling analytics-service's REST endpoint
# GET /api/v1/dashboard directly with the same token, same week, in the same run. To time the other paths, start the
# suite with NPSLOOP_GRAPHQL_RESPONSE_CACHE_PUSH_ENABLED=false (revalidate every hit) or
# NPSLOOP_GRAPHQL_RESPONSE_CACHE_ENABLED=false (execute every time). Requests alternate
# between the two (A B A B …) over one keep-alive connection each, so drift on a shared machine hits both alike.
# Target: p50(gateway) / p50(direct) <= 1.5.
#
# Needs the whole suite running (./npsloop up, demo data). Env:
#   GATEWAY_URL (http://localhost:8080), ANALYTICS_URL (http://localhost:8082), WEEK (current ISO week),
#   REQUESTS (300 per side), WARMUP (50 per side), TOKEN (default: ./npsloop token HQ_ANALYST),
#   APPEND=1 appends to the results file instead of replacing it (several rounds, or before/after builds).
# The load average before and after the run is written next to the figures: on a shared machine read the ratio
# only together with it.
# Results: bench/results/gateway-overhead.md
set -euo pipefail
cd "$(dirname "$0")/.."
GATEWAY_URL=${GATEWAY_URL:-http://localhost:8080}
ANALYTICS_URL=${ANALYTICS_URL:-http://localhost:8082}
WEEK=${WEEK:-$(python3 -c 'import datetime; y, w, _ = datetime.date.today().isocalendar(); print(f"{y}-W{w:02d}")')}
REQUESTS=${REQUESTS:-300}
WARMUP=${WARMUP:-50}
OUT=${OUT:-bench/results/gateway-overhead.md}
mkdir -p bench/results

for url in "$GATEWAY_URL/q/health/ready" "$ANALYTICS_URL/q/health/ready"; do
  code=$(python3 -c "import urllib.request,sys
try:
    print(urllib.request.urlopen(sys.argv[1], timeout=3).status)
except Exception as e:
    print(getattr(e, 'code', 0))" "$url")
  [ "$code" = 200 ] || { echo "gateway-overhead: $url is not ready (got $code); start the suite with ./npsloop up" >&2; exit 2; }
done
TOKEN=${TOKEN:-$(./npsloop token HQ_ANALYST | tail -1)}

python3 - "$GATEWAY_URL" "$ANALYTICS_URL" "$WEEK" "$REQUESTS" "$WARMUP" "$TOKEN" "$OUT" <<'PY'
import http.client, json, statistics, sys, time, urllib.parse, platform, os, datetime
gw, an, week, n, warm, token, out = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6], sys.argv[7]
metrics = ["overallNps", "promoterShare", "passiveShare", "detractorShare", "newCustomerNps", "oldCustomerNps",
           "maintenanceNps", "repairNps", "detractorGrowth", "avgFirstContactMinutes", "recoveryRate", "secondaryDetractorRate"]
query = ("query($week: String!) { dashboard(week: $week) { week authenticityRate "
         "nps { value n promoters passives detractors promoterShare passiveShare detractorShare marginOfError } "
         "verifiedNps { value n } " + " ".join(m + " { value previous delta significant }" for m in metrics) +
         " warnings { kind dimension segment message value previous delta z } topDetractorReasons { reason count share } } }")
body = json.dumps({"query": query, "variables": {"week": week}})
headers = {"Authorization": "Bearer " + token, "Accept": "application/json"}

def conn(base):
    u = urllib.parse.urlparse(base)
    return http.client.HTTPConnection(u.hostname, u.port or 80, timeout=30)

gc, ac = conn(gw), conn(an)

def via_gateway():
    gc.request("POST", "/graphql", body=body, headers={**headers, "Content-Type": "application/json"})
    r = gc.getresponse(); data = r.read()
    if r.status != 200: raise SystemExit(f"gateway answered {r.status}: {data[:300]!r}")
    doc = json.loads(data)
    if doc.get("errors"): raise SystemExit(f"gateway errors: {doc['errors']}")
    return doc

def direct():
    ac.request("GET", "/api/v1/dashboard?week=" + urllib.parse.quote(week), headers=headers)
    r = ac.getresponse(); data = r.read()
    if r.status != 200: raise SystemExit(f"analytics answered {r.status}: {data[:300]!r}")
    return json.loads(data)

load_before = os.getloadavg()
d, g = direct(), via_gateway()
assert g["data"]["dashboard"]["nps"]["value"] == d["nps"]["value"], "gateway and analytics disagree on the NPS"
for _ in range(warm):
    direct(); via_gateway()
tg, td = [], []
for i in range(n):
    for fn, acc in ((direct, td), (via_gateway, tg)) if i % 2 == 0 else ((via_gateway, tg), (direct, td)):
        t0 = time.perf_counter(); fn(); acc.append((time.perf_counter() - t0) * 1000)

def pct(xs, p):
    xs = sorted(xs); k = (len(xs) - 1) * p; f = int(k); c = min(f + 1, len(xs) - 1)
    return xs[f] + (xs[c] - xs[f]) * (k - f)

rows = [("direct analytics REST", td), ("gateway GraphQL", tg)]
ratio = pct(tg, .5) / pct(td, .5)
verdict = "PASS" if ratio <= 1.5 else "FAIL"
load_after = os.getloadavg()
load = f"load average (1/5/15 min) {load_before[0]:.2f}/{load_before[1]:.2f}/{load_before[2]:.2f} before, " \
       f"{load_after[0]:.2f}/{load_after[1]:.2f}/{load_after[2]:.2f} after"
lines = [f"# gateway overhead — dashboard query ({datetime.datetime.now().isoformat(timespec='seconds')})", "",
         f"Machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; week {week}; "
         f"{n} requests per side after {warm} warm-up, alternating, keep-alive; {load}.", "",
         "| path | p50 ms | p95 ms | p99 ms | mean ms |", "|---|---|---|---|---|"]
for name, xs in rows:
    lines.append(f"| {name} | {pct(xs, .5):.2f} | {pct(xs, .95):.2f} | {pct(xs, .99):.2f} | {statistics.mean(xs):.2f} |")
lines += ["", f"p50 ratio gateway/direct: **{ratio:.2f}×** (target ≤ 1.5×) — {verdict}", ""]
mode = "a" if os.environ.get("APPEND") else "w"
with open(out, mode) as fh:
    fh.write(("\n" if mode == "a" else "") + "\n".join(lines))
print("\n".join(lines))
sys.exit(0 if verdict == "PASS" else 1)
PY
