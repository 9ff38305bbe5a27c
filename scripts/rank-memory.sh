#!/usr/bin/env bash
# Peak memory of `rank` over a large folder: N copies (default 10,000) of the reference photos in ../shared, each a
# distinct file (copies, not links: the folder walk lists a hard-linked file once), ranked with --no-cache so every
# photo is decoded and scored. Prints the photo count, wall time and peak RSS (GNU time's "Maximum resident set size").
#   usage: scripts/rank-memory.sh [N] [WORK_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-10000}"
work="${2:-$root/.artifacts/rank-memory}"
photos="$root/../shared/data/photos"
[ -d "$photos" ] || { echo "error: $photos is missing (the reference photos live in ../shared)" >&2; exit 2; }
mapfile -t sources < <(find "$photos" -type f \( -iname '*.jpg' -o -iname '*.png' \) | sort)
if [ "$(find "$work" -type f 2>/dev/null | wc -l)" -ne "$n" ]; then
  rm -rf "$work"; mkdir -p "$work"
  for ((i = 0; i < n; i++)); do
    src="${sources[$((i % ${#sources[@]}))]}"
    dir="$work/$((i / 1000))"; mkdir -p "$dir"
    cp "$src" "$dir/$i.${src##*.}"
  done
fi
cd "$root"
./bestshot rank --help >/dev/null # build first, outside the measurement
/usr/bin/time -v ./bestshot rank "$work" --no-cache --top 3 2> >(grep -E "photos ranked|Maximum resident|Elapsed \(wall" >&2)
