#!/usr/bin/env bash
# Load test of the cooperation API on loopback, with wrk from Debian.
#   bash bench/coop.sh [sqlite|postgres]
# Fills a fresh database with $COOPS (100,000) made-up cooperations
# (bench/gendata), starts jalin serve on it and prints wrk's throughput and
# latency distribution, as a national administrator (API token), for:
#   the list of one province at one stage by end date, 50 a page;
#   the same rotating over provinces, stages and offsets (wrk Lua);
#   one cooperation by id, rotating over ids;
# and the server's resident memory (current and peak). Each run also shows
# the load average before it and the server's CPU time per request (user +
# system, from /proc).
#
# Every test runs twice. First as the issue states it: wrk and the server
# share every core. There the tail belongs to the scheduler as much as to
# the server: the floor run before them sends the same load to /healthz,
# which does no work, and its p99 is what any handler would get. Then,
# on a machine with two cores or more, with the server pinned to all but
# the last core and wrk to the last (taskset), so that the latency is the
# server's own, on fewer cores. PostgreSQL's processes are not pinned.
set -euo pipefail
cd "$(dirname "$0")/.."
engine=${1:-sqlite}
duration=${DURATION:-10s}
port=${PORT:-18081}
coops=${COOPS:-100000}
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"' EXIT

go build -o "$work/jalin" ./cmd/jalin
go build -o "$work/gendata" ./bench/gendata
if [ "$engine" = postgres ]; then
  pg=${JALIN_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/test?sslmode=disable}
  schema="bench_$$"
  PGOPTIONS=--client-min-messages=warning psql "${pg%%\?*}" -qc "DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema"
  trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work";
        PGOPTIONS=--client-min-messages=warning psql "${pg%%\?*}" -qc "DROP SCHEMA IF EXISTS $schema CASCADE"' EXIT
  export JALIN_DB="${pg}&search_path=$schema"
else
  mkdir -p "$work/data"
  export JALIN_DB="$work/data/jalin.db"
fi
export JALIN_DATA_DIR="$work/data" JALIN_ADDR="127.0.0.1:$port" JALIN_LOG_LEVEL=warn

token=$("$work/gendata" --db "$JALIN_DB" --cooperations "$coops" --seed 1 | tail -n 1)
sync # write the fresh database out now, not during the runs
auth="Authorization: Bearer $token"

"$work/jalin" serve & pid=$!
until curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do sleep 0.05; done
base="http://127.0.0.1:$port/api/v1/cooperations"
list="$base?province=32&stage=pelaksanaan&sort=end_date&limit=50"
curl -fsS -H "$auth" -o "$work/list.json" "$list"
printf '%s: %s ...\n' "$list" "$(head -c 160 "$work/list.json")"

# Rotating requests: provinces x stages x offsets, and ids.
cat >"$work/list.lua" <<'EOF'
local provinces = {"11", "12", "31", "32", "33", "34", "35", "36", "51", "52", "61", "64", "73", "91"}
local stages = {"pelaksanaan", "persiapan", "penawaran", "berakhir"}
local n = 0
request = function()
  n = n + 1
  local path = string.format("/api/v1/cooperations?province=%s&stage=%s&sort=end_date&limit=50&offset=%d",
    provinces[n % #provinces + 1], stages[n % #stages + 1], 50 * (n % 5))
  return wrk.format("GET", path)
end
EOF
cat >"$work/get.lua" <<EOF
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/api/v1/cooperations/" .. (1 + (n * 7919) % $coops))
end
EOF

cpu_ticks() { awk '{print $14 + $15}' /proc/$pid/stat; } # the server's user + system time
pin= # "taskset -c N" for wrk in the pinned runs
run() { # label, wrk arguments...
  echo "--- $1: ${pin:+$pin }wrk -t2 -c32 -d$duration --latency ${*:2}"
  echo "    load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  local before after out requests
  before=$(cpu_ticks)
  out=$($pin wrk -t2 -c32 -d"$duration" --latency -H "$auth" "${@:2}")
  after=$(cpu_ticks)
  grep -E 'Requests/sec|Latency|50%|75%|90%|99%|Non-2xx|Socket errors' <<<"$out"
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  echo "    server CPU per request: $(( (after - before) * 1000000 / $(getconf CLK_TCK) / requests )) µs"
}
all() {
  run "floor: /healthz, no work" "http://127.0.0.1:$port/healthz"
  run "list, province 32 at pelaksanaan" "$list"
  run "list, rotating provinces, stages and offsets" -s "$work/list.lua" "$base"
  run "one cooperation by id, rotating" -s "$work/get.lua" "$base"
}
echo "=== wrk and the server on the same $(nproc) cores"
all
cpus=$(nproc)
if [ "$cpus" -ge 2 ]; then
  echo "=== the server pinned to cores 0-$((cpus - 2)), wrk to core $((cpus - 1))"
  taskset -a -pc "0-$((cpus - 2))" "$pid" >/dev/null
  pin="taskset -c $((cpus - 1))"
  all
fi
grep -E 'VmRSS|VmHWM' /proc/$pid/status
