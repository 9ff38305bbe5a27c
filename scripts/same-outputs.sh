#!/usr/bin/env bash
# Runs one checkout's CLI over fixed inputs and writes every output a refactor must not change, so two checkouts
# (before and after) can be compared with `diff -r`. Takes about 6 minutes on 2 cores.
#   usage: scripts/same-outputs.sh CHECKOUT OUT_DIR
set -euo pipefail
checkout="$(cd "$1" && pwd)"; out="$2"
shared="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/shared/data/photos"
[ -d "$shared" ] || { echo "error: $shared is missing (the reference photos live in ../shared)" >&2; exit 2; }
bs="$checkout/bestshot"
rm -rf "$out"; mkdir -p "$out/work"
w="$out/work"

# 1. rank: the samples, then 40 reference photos through the score cache (cold, then warm).
"$bs" rank "$checkout/samples" --json --no-cache > "$out/rank-samples.json"
mkdir -p "$w/photos"
mapfile -t sources < <(find "$shared/kodak24" "$shared/bsds500" -name '*.*' | sort)
for f in "${sources[@]:0:40}"; do ln -s "$f" "$w/photos/"; done
"$bs" rank "$w/photos" --csv --cache "$w/scores.sqlite" > "$out/rank-cold.csv"
"$bs" rank "$w/photos" --csv --cache "$w/scores.sqlite" > "$out/rank-warm.csv"
"$bs" rank "$w/photos" --csv --no-cache --precision fp32 > "$out/rank-fp32.csv"

# 2. The default model's degradation table on 24 held-out-style sources.
"$bs" synth degradations --photos "$shared/kodak24" --out "$w/deg" --max-side 512 > /dev/null
"$bs" eval "$checkout/models/default.head.onnx" "$w/deg" > "$out/eval-degradations.txt"

# 3. A synth posts run: frozen features (cached), train, export, eval, and rank with the trained model.
"$bs" synth posts --out "$w/posts" --users 40 --posts-per-user 8 > /dev/null
"$bs" train "$w/posts" --out "$w/run" --cache "$w/features.sqlite" --epochs 6 --batch-size 64 > "$out/train.txt"
cp "$w/run/metrics.jsonl" "$out/metrics.jsonl"
"$bs" eval "$w/run" "$w/posts" > "$out/eval-posts.txt"
"$bs" rank "$w/photos" --csv --no-cache --model "$w/run/model.onnx" > "$out/rank-trained.csv"
