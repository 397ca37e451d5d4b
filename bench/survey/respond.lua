-- wrk: each request answers the next unused bench invitation (tokens wrkbench%010d); the threads interleave, thread t
-- taking OFFSET + t, OFFSET + t + THREADS, … so together they use one contiguous range.
counter = 0
base = 0
stride = 1
created, other = 0, 0
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  -- OFFSET: the first bench invitation past every one earlier runs answered
  stride = tonumber(os.getenv("THREADS") or "1")
  base = tonumber(os.getenv("OFFSET") or "0") + tonumber(tid)
end

function request()
  local n = base + counter * stride
  counter = counter + 1
  local token = string.format("wrkbench%010d", n)
  return wrk.format("POST", "/api/v1/surveys/" .. token .. "/response",
    -- one device per answer, as with real customers (and as respond.sql's md5('dev' || k)): a User-Agent repeated
    -- across threads or runs would make the same device answer for several customers and trip SHARED_DEVICE, whose
    -- flagging writes the pgbench baseline never does
    {["Content-Type"] = "application/json", ["User-Agent"] = "bench-" .. n,
     ["X-Forwarded-For"] = "198.51.100." .. (counter % 250)},
    '{"score": 8, "comment": "bench", "ratings": {"care": 4}, "reasons": ["PRICE"]}')
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
