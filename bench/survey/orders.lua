-- wrk: each request reports a new completed order (fresh orderId and customer phone, so every one is invited: 201)
-- through POST /api/v1/orders with the INTEGRATION JWT in $TOKEN (authentication on, as in production).
counter = 0
base = 0
created, other = 0, 0
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  base = tonumber(tid) * 10000000 + tonumber(os.getenv("OFFSET") or "0")
end

function request()
  counter = counter + 1
  local n = base + counter
  local body = string.format('{"orderId": "WRK-%d", "storeId": "BENCH", "advisorId": "A%d", "technicianId": "T%d", '
    .. '"closedAt": "2026-11-23T10:00:00+08:00", "serviceType": "MAINTENANCE", "paymentType": "SELF_PAY", '
    .. '"visitKind": "ROUTINE", "amountCents": 68000, "customer": {"id": "C%d", "phone": "139%08d", "name": "张三", '
    .. '"tenureMonths": 14, "regionCode": "310000", "locality": "LOCAL", "plate": "沪A%05d"}}', n, n % 40, n % 60, n, n, n % 100000)
  return wrk.format("POST", "/api/v1/orders",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("TOKEN")}, body)
end

function response(status, headers, body)
  if status == 201 then created = created + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local c, o = 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    o = o + t:get("other")
  end
  io.write(string.format("CREATED %d OTHER %d SECONDS %.3f P50_MS %.2f P99_MS %.2f\n", c, o,
    summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
