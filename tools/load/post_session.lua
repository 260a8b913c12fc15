-- wrk script: POST /api/v1/me/sessions round-robin over many patients' tokens (one per line in TOKENS_FILE),
-- so no single record grows without bound. Each request is a new session (no Idempotency-Key).
--
-- Without PAUSE_MS every connection sends its next request as soon as the last answer arrives: the server's peak
-- throughput, where each request also waits for the 31 others in flight. With PAUSE_MS each connection first waits
-- a random 0 to 2 x PAUSE_MS milliseconds (PAUSE_MS on average), so the 32 connections offer a steady rate with
-- bursts, the way patients' phones would, and the latency is the server's at that rate.
local tokens = {}
local path = os.getenv("TOKENS_FILE") or "tokens.txt"
for line in io.lines(path) do
  if #line > 0 then tokens[#tokens + 1] = line end
end
local date = os.getenv("SESSION_DATE") or "2026-11-25"
local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"date":"' .. date .. '","painBefore":1,"painAfter":2,"exercises":[' ..
  '{"id":"quad-set","sets":1,"reps":10,"holdSeconds":5,"painDuring":1,"difficulty":"right"},' ..
  '{"id":"heel-slide","sets":1,"reps":10,"painDuring":2,"difficulty":"easy"}]}'
-- wrk runs this script once per thread. Each thread walks only its own share of the patients (every
-- WRK_THREADS-th token, from the thread's index), so two threads never write for one patient at the same moment,
-- which no patient does; walking the same list in step, they often did, and each clash cost a retry.
-- WRK_THREADS must match wrk's -t (default 2, what every caller passes).
local threads = tonumber(os.getenv("WRK_THREADS") or "2")
local started = 0
function setup(thread)
  thread:set("index", started % threads)
  started = started + 1
end
request = function()
  local first = (index or 0) + 1
  local share = math.floor((#tokens - first) / threads) + 1
  local token = tokens[first + (counter % share) * threads]
  counter = counter + 1
  return wrk.format(nil, "/api/v1/me/sessions", { ["Authorization"] = "Bearer " .. token })
end

local pause = tonumber(os.getenv("PAUSE_MS") or "")
if pause then
  math.randomseed(os.time() + counter)
  -- wrk waits whole milliseconds: a uniform draw on [0, 2 x pause), rounded to the nearest, averages pause.
  delay = function() return math.floor(math.random() * 2 * pause + 0.5) end
end
