-- wrk script: stop after BENCH_REQUESTS responses and print the figures as one JSON line.
-- Run with one wrk thread (-t 1). wrk normally runs for a fixed duration (-d): once the count
-- is reached, the thread stops and sends SIGINT to wrk, which then ends at once and reports.
local ffi = require("ffi")
ffi.cdef [[
int getpid(void);
int kill(int pid, int sig);
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock_id, bench_timespec *tp);
]]

local SIGINT, CLOCK_MONOTONIC = 2, 1
local limit = tonumber(os.getenv("BENCH_REQUESTS") or "1000")
local seen = 0
local threads = {}
started_us, elapsed_us = 0, 0 -- globals: read from done() through thread:get()

local function now_us()
  local t = ffi.new("bench_timespec")
  ffi.C.clock_gettime(CLOCK_MONOTONIC, t)
  return tonumber(t.tv_sec) * 1000000 + tonumber(t.tv_nsec) / 1000
end

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  started_us = now_us()
end

function response(status, headers, body)
  seen = seen + 1
  if seen == limit then
    elapsed_us = now_us() - started_us
    wrk.thread:stop()
    ffi.C.kill(ffi.C.getpid(), SIGINT)
  end
end

function done(summary, latency, requests)
  local errors = summary.errors
  local elapsed = threads[1]:get("elapsed_us")
  if elapsed == 0 then elapsed = summary.duration end
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "non_2xx": %d, "socket_errors": %d}\n',
    summary.requests, elapsed,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
