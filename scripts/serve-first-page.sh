#!/usr/bin/env bash
# How fast the gallery's first page answers once a large shoot is scored: starts `serve` on FOLDER (already scored in
# CACHE, e.g. the 10,000 frames of scripts/bench-cull.sh), waits for the background scan to finish, then times the
# page and the first page of moments (60 cards) 20 times each with curl, and prints the median and the slowest.
set -euo pipefail
cd "$(dirname "$0")/.."
folder=${1:?usage: serve-first-page.sh FOLDER CACHE}
cache=${2:?usage: serve-first-page.sh FOLDER CACHE}
port=${PORT:-8797}
./bestshot serve "$folder" --cache "$cache" --port "$port" 2> /tmp/serve-first-page.log &
server=$!
trap 'kill -INT $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
url="http://127.0.0.1:$port"
start=$(date +%s)
until curl -sf "$url/api/moments?limit=1" 2>/dev/null | grep -q '"finished":true'; do sleep 0.5; done
echo "scan of the scored folder finished after $(( $(date +%s) - start )) s"
for path in "/" "/api/moments?limit=60" "/api/moments?limit=60&offset=1200" "/api/moments?filter=unrated&limit=60"; do
  times=$(for i in $(seq 20); do curl -s -o /dev/null -w '%{time_total}\n' "$url$path"; done | sort -n)
  median=$(echo "$times" | sed -n 10p); slowest=$(echo "$times" | tail -1)
  echo "$path: median ${median}s, slowest ${slowest}s (20 requests)"
done
