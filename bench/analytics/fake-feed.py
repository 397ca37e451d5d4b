#!/usr/bin/env python3
"""A local stand-in for survey-service's event feed: fake-feed.py <port> <events> <dir>.
Pre-generates <events> events (units of OrderCompleted, InvitationCreated, InvitationOpened, ResponseSubmitted, as
survey-service's README defines them) into pages of 1000 in <dir>, then serves GET /survey/api/v1/events?after=&limit=
from them; any other feed path (/referral/...) answers an empty page."""
import json, os, random, sys, uuid
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs

port, total, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
PAGE = 1000
tz = timezone(timedelta(hours=8))
rnd = random.Random(42)
os.makedirs(out, exist_ok=True)
if not os.path.exists(os.path.join(out, "done")):
    start = datetime(2026, 11, 1, tzinfo=tz)
    pick = lambda xs: xs[rnd.randrange(len(xs))]
    seq, page, unit = 0, [], 0
    def emit(t, at, data):
        global seq, page
        seq += 1
        page.append({"seq": seq, "id": str(uuid.UUID(int=rnd.getrandbits(128))), "type": t,
                     "occurredAt": at.isoformat(), "data": data})
        if len(page) == PAGE:
            with open(os.path.join(out, f"{seq - PAGE}.json"), "w") as f:
                json.dump({"events": page, "next": seq}, f)
            page = []
    while seq < total:
        unit += 1
        store = "S%03d" % (1 + rnd.randrange(100))
        seg = {"storeId": store, "regionId": "R%02d" % (1 + (int(store[1:]) - 1) % 10),
               "serviceType": pick(["RESCUE", "MAINTENANCE", "REPAIR", "TYRE", "OTHER"]),
               "paymentType": pick(["SELF_PAY", "WARRANTY", "INSURANCE"]),
               "visitKind": pick(["FIRST_SERVICE", "ROUTINE", "REPEAT_REPAIR"]), "tenure": pick(["NEW", "MID", "OLD"]),
               "locality": pick(["LOCAL", "NON_LOCAL"]), "spendBand": pick(["LOW", "MID", "HIGH"]),
               "ageBand": pick([None, "A18_30", "A31_45"]), "gender": pick([None, "M", "F"]), "occupation": None,
               "amountCents": rnd.randrange(10000, 500000), "advisorId": "A1", "technicianId": "T1"}
        closed = start + timedelta(seconds=rnd.randrange(28 * 86400))
        oid, iid, rid = f"o{unit}", f"i{unit}", f"r{unit}"
        emit("OrderCompleted", closed, dict(seg, orderId=oid, closedAt=closed.isoformat(), customerKey="ck" + oid,
                                            plateKey=None, invited=True))
        if seq >= total: break
        emit("InvitationCreated", closed, dict(seg, invitationId=iid, orderId=oid, createdAt=closed.isoformat(),
                                               expiresAt=(closed + timedelta(days=14)).isoformat(), customerKey="ck" + oid))
        if seq >= total: break
        opened = closed + timedelta(minutes=30)
        emit("InvitationOpened", opened, {"invitationId": iid, "orderId": oid, "storeId": store,
                                          "serviceType": seg["serviceType"], "channel": "LINK", "openedAt": opened.isoformat()})
        if seq >= total: break
        score = rnd.randrange(11)
        answered = opened + timedelta(minutes=3)
        ratings = {k: rnd.randrange(1, 6) for k in ["responseSpeed", "professionalism", "transparency", "care"] if rnd.random() < .7}
        emit("ResponseSubmitted", answered, dict(seg, responseId=rid, invitationId=iid, orderId=oid, customerKey="ck" + oid,
             plateKey=None, score=score, category="PROMOTER" if score >= 9 else "PASSIVE" if score >= 7 else "DETRACTOR",
             ratings=ratings, reasons=["WAIT_TIME"] if score <= 6 else [], comment=None, channel="LINK",
             closedAt=closed.isoformat(), answeredAt=answered.isoformat(), secondsSinceClose=1980,
             flags=[], resurvey=False))
    if page:
        with open(os.path.join(out, f"{seq - len(page)}.json"), "w") as f:
            json.dump({"events": page, "next": seq}, f)
    open(os.path.join(out, "done"), "w").write(str(seq))
last = int(open(os.path.join(out, "done")).read())

class Feed(BaseHTTPRequestHandler):
    def do_GET(self):
        u = urlparse(self.path)
        q = parse_qs(u.query)
        after = int(q.get("after", ["0"])[0])
        path = os.path.join(out, f"{after}.json")
        if u.path == "/survey/api/v1/events" and os.path.exists(path):
            body = open(path, "rb").read()
        else:
            body = json.dumps({"events": [], "next": after}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass

print(f"serving {last} events on {port}", flush=True)
ThreadingHTTPServer(("127.0.0.1", port), Feed).serve_forever()
