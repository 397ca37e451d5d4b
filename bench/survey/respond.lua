-- wrk: each request answers the next unused bench invitation of this thread (tokens wrkbench%010d).
counter = 0
base = 0
created, other = 0, 0
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  -- OFFSET: how many bench invitations earlier runs answered (each thread's range starts past them)
  base = tonumber(tid) * tonumber(os.getenv("PER_THREAD") or "100000") + tonumber(os.getenv("OFFSET") or "0")
end

function request()
  counter = counter + 1
  local token = string.format("wrkbench%010d", base + counter)
  return wrk.format("POST", "/api/v1/surveys/" .. token .. "/response",
    -- one device per answer, as with real customers (and as respond.sql's md5('dev' || k)): a User-Agent repeated
    -- across threads or runs would make the same device answer for several customers and trip SHARED_DEVICE, whose
    -- flagging writes the pgbench baseline never does
    {["Content-Type"] = "application/json", ["User-Agent"] = "bench-" .. (base + counter),
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
