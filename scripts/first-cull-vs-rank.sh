#!/usr/bin/env bash
# A first `cull` of a folder (scores, embeddings, looks of every photo) against a first `rank` of it (scores only),
# each with an empty cache, alternating in one run so that neither gets a quieter machine. Wall-clock seconds of the
# whole command; the ratio is cull / rank.
#   usage: scripts/first-cull-vs-rank.sh FOLDER [ROUNDS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
folder="$1"
rounds="${2:-2}"
cd "$root"
./bestshot --help > /dev/null # builds BestShot once, outside the timing
n=$(find "$folder" -type f \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' \) | wc -l)
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }'; }
for round in $(seq 1 "$rounds"); do
  cache=$(mktemp -d)
  t=$(date +%s.%N); XDG_CACHE_HOME="$cache/rank" ./bestshot rank "$folder" --json > /dev/null 2>&1; rank_s=$(since "$t")
  t=$(date +%s.%N); XDG_CACHE_HOME="$cache/cull" ./bestshot cull "$folder" --json > /dev/null 2>&1; cull_s=$(since "$t")
  rm -rf "$cache"
  echo "round $round: $n photos, first rank ${rank_s} s, first cull ${cull_s} s," \
    "ratio $(awk -v a="$cull_s" -v b="$rank_s" 'BEGIN { printf "%.2f", a / b }')×"
done
