#!/usr/bin/env bash
# Start-up of each way BestShot is installed: the median wall seconds of five warm runs of `--help` and of
# `rank samples --no-cache` (the int8 backbone already built, the files in the page cache).
#   usage: scripts/startup.sh PROGRAM...     e.g. ./bestshot ~/.dotnet/tools/bestshot artifacts/linux-x64/bestshot
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
t() { local s; s=$(date +%s.%N); "$@" > /dev/null 2>&1; awk -v a="$s" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f\n", b - a }'; }
for program in "$@"; do
  "$program" rank samples > /dev/null 2>&1 # warm-up
  h=$(for i in 1 2 3 4 5; do t "$program" --help; done | median)
  r=$(for i in 1 2 3 4 5; do t "$program" rank samples --no-cache; done | median)
  echo "$program: --help ${h} s, rank samples --no-cache ${r} s"
done
