#!/usr/bin/env bash
# Load test of the region API on loopback, with wrk from Debian.
#   bash bench/api.sh [sqlite|postgres]
# Prints: start-up time on an empty database (migrate + full reference),
# wrk's throughput and latency distribution for GET /api/v1/regions/{code},
# and the server's resident memory (current and peak).
set -euo pipefail
cd "$(dirname "$0")/.."
engine=${1:-sqlite}
shared=${JALIN_SHARED_DATA:-$(cd .. && pwd)/shared/data}
duration=${DURATION:-10s}
port=${PORT:-18080}
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

go build -o "$work/jalin" ./cmd/jalin
if [ "$engine" = postgres ]; then
  pg=${JALIN_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/test?sslmode=disable}
  schema="bench_$$"
  psql "${pg%%\?*}" -qc "DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema"
  export JALIN_DB="${pg}&search_path=$schema"
fi
export JALIN_DATA_DIR="$work/data" JALIN_ADDR="127.0.0.1:$port" JALIN_LOG_LEVEL=warn

start=$(date +%s.%N)
"$work/jalin" serve & pid=$!
until curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do sleep 0.02; done
ready=$(date +%s.%N)
printf 'engine %s: serve ready on an empty database in %.2f s (migrations + %s regions)\n' \
  "$engine" "$(echo "$ready - $start" | bc)" "$(curl -fs "http://127.0.0.1:$port/api/v1/regions?limit=1" | sed 's/.*"total":\([0-9]*\).*/\1/') top-level"
kill $pid; wait $pid 2>/dev/null || true

if [ -d "$shared/geo" ]; then
  "$work/jalin" import geo "$shared/geo" 2>/dev/null
fi
"$work/jalin" serve & pid=$!
until curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do sleep 0.02; done
curl -fs "http://127.0.0.1:$port/api/v1/regions/32.73" | head -c 300; echo

for path in /api/v1/regions/32.73 "/api/v1/regions?q=suka&limit=20"; do
  echo "--- wrk -t2 -c32 -d$duration --latency http://127.0.0.1:$port$path"
  wrk -t2 -c32 -d"$duration" --latency "http://127.0.0.1:$port$path" | grep -E 'Requests/sec|Latency|50%|90%|99%|Non-2xx|Socket errors'
done
grep -E 'VmRSS|VmHWM' /proc/$pid/status
if [ "$engine" = postgres ]; then psql "${pg%%\?*}" -qc "DROP SCHEMA $schema CASCADE"; fi
