#!/usr/bin/env bash
# Runs every fuzz target of the project, one after another, each for a set
# number of executions:
#   bash scripts/fuzz.sh                 # up to about fifteen seconds a target
#   FUZZ_SCALE=50 bash scripts/fuzz.sh   # half of each count (CI)
# Budgets are execution counts, not durations: with a duration, Go 1.26's
# fuzz coordinator can report "context deadline exceeded" as a failure when
# its deadline races a busy worker (go.dev/issue/75804, fixed in Go 1.27).
# The targets run at very different speeds (an argon2id hash against a
# token check), hence a count per target. The script refuses to run when a
# Fuzz function in the code is missing from the table, or the table names
# one the code no longer has, so a new target is added here once and CI
# and `make fuzz` both run it.
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${FUZZ_SCALE:-100}
go=${GO:-go}

# package target executions-at-scale-100
targets='
auth FuzzParseToken 300000
auth FuzzParseSessionID 300000
auth FuzzParseBearer 300000
auth FuzzVerifyPassword 20000
document FuzzDetect 200000
geo FuzzParseBoundaries 120000
geo FuzzParsePoints 120000
geo FuzzParseAdjacency 100000
tkksd FuzzICSText 200000
'

table=$(awk 'NF {print $1, $2}' <<<"$targets" | sort)
code=$(git grep -nE '^func Fuzz[A-Za-z0-9_]+\(f \*testing\.F\)' -- '*_test.go' |
  sed -E 's|^(.*)/[^/]+_test\.go:[0-9]+:func (Fuzz[A-Za-z0-9_]+).*|\1 \2|' | sort)
if [ "$table" != "$code" ]; then
  echo "scripts/fuzz.sh: its table and the code's Fuzz functions differ (< table, > code):" >&2
  diff <(echo "$table") <(echo "$code") >&2 || true
  exit 1
fi

while read -r pkg name count; do
  [ -n "$pkg" ] || continue
  n=$(( count * scale / 100 ))
  [ "$n" -ge 1 ] || n=1
  echo "--- $pkg $name: ${n} executions"
  "$go" test -run '^$' -fuzz "^${name}\$" -fuzztime "${n}x" "./$pkg/"
done <<<"$targets"
