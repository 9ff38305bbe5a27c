#!/usr/bin/env bash
# Reproduces BestShot's built-in model (models/default.head.onnx) and the int8 calibration (models/int8-ranges.json)
# from the reference photos in ../shared/data/photos. Takes about 16 minutes on 2 cores.
#   usage: scripts/train-default-model.sh [WORK_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
photos="$root/../shared/data/photos"
work="${1:-$root/.artifacts/default-model}"
[ -d "$photos" ] || { echo "error: $photos is missing (the reference photos live in ../shared)" >&2; exit 2; }
mkdir -p "$work"
cd "$root"

# 1. int8 activation ranges, calibrated on 64 photos (global view + 2 native crops each).
./bestshot int8 calibrate --photos "$photos" --count 64 --out models/int8-ranges.json

# 2. Each source photo becomes a "user" whose posts are the original and 33 spoiled copies.
./bestshot synth degradations --photos "$photos" --out "$work/data" --max-side 1024

# 3. Frozen backbone (int8 features, as scoring uses), 2 native-resolution detail crops, RankNet loss.
rm -rf "$work/run"
./bestshot train "$work/data" --out "$work/run" --cache "$work/features.sqlite" \
  --detail-crops 2 --views 0 --int8-features --loss ranknet --epochs 60 --batch-size 128 --lr 1e-3 --dropout 0.5

# 4. Ship the head only; the backbone comes from the NuGet package at build time.
./bestshot export "$work/run" --out models/default.head.onnx --head-only

# 5. The model card's table: held-out photos, int8 scorer.
./bestshot eval models/default.head.onnx "$work/data"
