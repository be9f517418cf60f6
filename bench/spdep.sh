#!/usr/bin/env bash
# The Moran and LISA part of the national analysis in jalin analyze and in R
# spdep (Debian: r-base-core r-cran-spdep), on the same data and one core:
#   bash bench/spdep.sh
# The real business-field table is converted to the canonical layout
# (jalin import bps --canonical, suspect rows left out) and cut to the
# regencies; both sides then compute, for every sector and year with an LQ
# for every regency, Moran's I (analytic and 999 permutations) and local
# Moran with 999 conditional permutations on the real queen adjacency. jalin
# runs as one process per method and year, so its time includes reading the
# table and the adjacency 16 times.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${JALIN_SHARED_DATA:-../shared/data}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/jalin" ./cmd/jalin
"$work/jalin" import bps --exclude-suspect --canonical "$work/all.csv" \
  "$shared/economy/pdrb_lapangan_usaha_adhk2010_kabkota_provinsi_2013_2020.csv" >/dev/null
{ head -n 1 "$work/all.csv"; grep -E '^[0-9]{2}\.[0-9]{2},' "$work/all.csv"; } >"$work/regency.csv"
adj="$shared/geo/regency_adjacency.csv"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

start=$(date +%s.%N)
for y in 2013 2014 2015 2016 2017 2018 2019 2020; do
  for m in moran lisa; do
    taskset -c 0 "$work/jalin" analyze "$m" --in "$work/regency.csv" --weights "$adj" --year "$y" --format csv \
      >"$work/$m-$y.csv" 2>>"$work/skipped.txt"
  done
done
end=$(date +%s.%N)
vars=$(( $(cat "$work"/moran-*.csv | grep -vc '^sector') ))
printf 'jalin analyze: %d variables (%d sector-years skipped: missing LQs): %.2f s\n' \
  "$vars" "$(grep -c 'moran: sector' "$work/skipped.txt" || true)" "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')"
first=$(grep -hv '^sector' "$work"/moran-*.csv | sort -t, -k2,2n -k1,1 | head -n 1)
echo "check: Moran's I of sector $(cut -d, -f1 <<<"$first") in $(cut -d, -f2 <<<"$first") = $(cut -d, -f3 <<<"$first")"

taskset -c 0 Rscript bench/spdep.R "$work/regency.csv" "$adj"
