#!/usr/bin/env bash
# The machine's floor for bench/coop.sh: the same wrk command (-t2 -c32,
# loopback, wrk and the server sharing every core) against a bare Go server
# (bench/floor) that returns a fixed 2 kB body and does nothing else. Its
# p99 is the least any Go server's p99 can be under this load on this
# machine; a latency target below it cannot be met here by any code.
#   bash bench/floor.sh          (RUNS=3 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-10s}
port=${PORT:-18090}
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"' EXIT
go build -o "$work/floor" ./bench/floor
"$work/floor" -addr "127.0.0.1:$port" & pid=$!
until curl -fs -o /dev/null "http://127.0.0.1:$port/"; do sleep 0.05; done
for run in $(seq "${RUNS:-3}"); do
  echo "--- run $run: wrk -t2 -c32 -d$duration --latency (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  wrk -t2 -c32 -d"$duration" --latency "http://127.0.0.1:$port/" | grep -E 'Requests/sec| 50%| 90%| 99%'
done
