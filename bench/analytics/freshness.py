#!/usr/bin/env python3
"""Freshness probe: freshness.py <survey-base> <analytics-base> <hq-token> <rate/s> <warmup-s> <duration-s> <out.tsv>.
One thread submits survey responses through survey-service (POST /api/v1/surveys/{token}/response, bench
invitations wrkbench0000000000…, one at a time at a steady rate); another polls analytics-service's
GET /api/v1/nps for the bench store without pause. Submissions are sequential, so the feed (commit-ordered) and the
rollups count them in submission order: response k is visible at the first poll whose n >= n0 + k. Latency is
measured from the moment the POST was SENT (before its commit: an upper bound of commit -> visible)."""
import http.client, json, sys, threading, time
from datetime import datetime, timedelta, timezone
from urllib.parse import urlparse

survey, analytics, token, rate, warmup, duration, out = sys.argv[1:8]
rate, warmup, duration = float(rate), float(warmup), float(duration)
day = datetime.now(timezone(timedelta(hours=8))).date()
q = f"/api/v1/nps?from={day - timedelta(days=1)}&to={day + timedelta(days=1)}&storeId=BENCH"
auth = {"Authorization": "Bearer " + token}

def conn(base):
    u = urlparse(base)
    return http.client.HTTPConnection(u.hostname, u.port, timeout=10)

def count(c):
    c.request("GET", q, headers=auth)
    r = c.getresponse()
    body = r.read()
    if r.status != 200:
        raise SystemExit(f"analytics answered {r.status}: {body[:200]}")
    return json.loads(body)["n"]

pc = conn(analytics)
n0 = count(pc)
sent = []          # send time of the k-th accepted response (k = 1..)
acked = []         # time its 201 arrived (after the commit)
seen = {}          # k -> first time a poll counted it
done = threading.Event()

def submit():
    c = conn(survey)
    total = int(rate * (warmup + duration))
    t0 = time.monotonic()
    for i in range(total):
        due = t0 + i / rate
        now = time.monotonic()
        if due > now:
            time.sleep(due - now)
        body = json.dumps({"score": i % 11, "comment": "freshness probe", "ratings": {"care": 1 + i % 5}})
        ts = time.monotonic()
        c.request("POST", f"/api/v1/surveys/wrkbench{i:010d}/response", body=body,
                  headers={"Content-Type": "application/json", "User-Agent": f"fresh-{i}",
                           "X-Forwarded-For": f"198.51.100.{i % 250}"})
        r = c.getresponse()
        r.read()
        if r.status != 201:
            raise SystemExit(f"survey answered {r.status} to response {i}")
        sent.append(ts)
        acked.append(time.monotonic())
    done.set()

t = threading.Thread(target=submit, daemon=True)
t.start()
last = 0
polls = 0
deadline = None
while True:
    n = count(pc) - n0
    polls += 1
    now = time.monotonic()
    for k in range(last + 1, n + 1):
        seen[k] = now
    last = max(last, n)
    if done.is_set():
        if deadline is None:
            deadline = now + 30
        if last >= len(sent) or now > deadline:
            break
skip = int(rate * warmup)
lat = [(seen[k] - sent[k - 1]) * 1000 for k in range(skip + 1, len(sent) + 1) if k in seen]
missing = len(sent) - skip - len(lat)
lat.sort()
ack = sorted((seen[k] - acked[k - 1]) * 1000 for k in range(skip + 1, len(sent) + 1) if k in seen)
post = sorted((acked[k] - sent[k]) * 1000 for k in range(skip, len(sent)))
with open(out, "w") as f:
    f.write("\n".join(f"{x:.1f}" for x in lat) + "\n")
pct = lambda p: lat[min(len(lat) - 1, int(len(lat) * p / 100))]
print(f"measured {len(lat)} (after {skip} warm-up), never seen {missing}, polls {polls}; "
      f"p50 {pct(50):.1f} p95 {pct(95):.1f} p99 {pct(99):.1f} max {lat[-1]:.1f} ms")
pa = lambda xs, p: xs[min(len(xs) - 1, int(len(xs) * p / 100))]
print(f"RESULT {len(lat)} {missing} {pct(50):.1f} {pct(95):.1f} {pct(99):.1f} {lat[-1]:.1f} {polls} "
      f"{pa(ack, 50):.1f} {pa(ack, 99):.1f} {pa(post, 50):.1f} {pa(post, 99):.1f}")
