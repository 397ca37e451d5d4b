#!/usr/bin/env python3
"""A local stand-in for survey-service's event feed: fake-feed.py <port> <events> <dir> [comments: 1|0].
Pre-generates <events> events (units of OrderCompleted, InvitationCreated, InvitationOpened, ResponseSubmitted, as
survey-service's README defines them) into pages of 1000 in <dir>, then serves GET /survey/api/v1/events?after=&limit=
from them; any other feed path (/referral/...) answers an empty page.

With comments (the default) about 60 % of responses carry a masked comment, mostly Chinese: a tenth of those are
short stock comments that repeat ("挺好的"), the rest are composed of one to three clause fragments with numbers
drawn in, so nearly every text is distinct and analytics' per-text topic cache cannot answer them all."""
import json, os, random, sys, uuid
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs

port, total, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
with_comments = (sys.argv[4] if len(sys.argv) > 4 else "1") != "0"
PAGE = 1000
tz = timezone(timedelta(hours=8))
rnd = random.Random(42)
pick = lambda xs: xs[rnd.randrange(len(xs))]

# Short stock comments repeat as real ones do; composed ones are mostly distinct (fragments x numbers x order).
STOCK = ["挺好的", "很满意", "不错", "好", "满意", "一般般", "还行吧", "非常好，下次还来", "无", "没有", "good", "ok"]
FRAGMENTS = [  # {n}: a number, {m}: a masked contact detail
    "等了{n}分钟才轮到我", "等了快{n}个小时，太耽误事了", "到店{n}分钟就开始修了，效率很高", "救援{n}分钟就到了",
    "价格比4S店便宜{n}块", "工时费收了{n}元，有点贵", "换个刹车片要{n}多，性价比一般", "这次保养花了{n}块，还算实惠",
    "师傅技术很专业，{n}分钟就找到原因", "上次修完没{n}天异响又出来了", "修了{n}次还是没修好", "问题一次就修好了",
    "前台小姑娘态度特别好", "接待的师傅很耐心，讲了{n}遍", "服务态度差，问了{n}次都不理人", "店员很热情",
    "换了零件也没告诉我", "报价单列得清清楚楚", "多收了{n}块也没解释", "换下来的旧件拿给我看了",
    "休息区很干净，还有咖啡", "车里留了{n}个油手印", "洗车洗得很干净", "厕所有点脏",
    "修好了打电话{m}通知我", "有问题请联系{m}", "等配件等了{n}天", "原厂件没货，调货花了{n}天",
    "轮胎换的米其林，质量不错", "回访电话打了{n}次", "微信回复很及时", "第{n}次来这家店了",
    "车开了{n}公里了", "总体还可以", "下次还会再来", "希望继续保持", "朋友推荐来的", "离家近，方便",
]
def comment():
    if rnd.random() < 0.1:
        return pick(STOCK)
    parts = []
    for _ in range(1 + rnd.randrange(3)):
        f = pick(FRAGMENTS)
        parts.append(f.replace("{n}", str(rnd.randrange(2, 500))).replace("{m}", "***"))
    return "，".join(parts) + pick(["", "。", "！", "~"])
os.makedirs(out, exist_ok=True)
if not os.path.exists(os.path.join(out, "done")):
    start = datetime(2026, 11, 1, tzinfo=tz)
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
             ratings=ratings, reasons=["WAIT_TIME"] if score <= 6 else [], comment=comment() if with_comments and rnd.random() < .6 else None, channel="LINK",
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
