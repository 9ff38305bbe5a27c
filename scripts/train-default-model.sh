#!/usr/bin/env bash
# Reproduces BestShot's built-in model (models/default.head.onnx) and the int8 calibration (models/int8-ranges.json)
# from the reference photos in ../shared/data/photos. Takes about 40 minutes on 2 cores (most of it the synth and the
# features, which a rerun reads from its cache).
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

# 2. Each source photo becomes a "user" whose posts are the original and 42 spoiled copies (14 kinds × 3 severities).
#    Kept when WORK_DIR already holds it (the synth is deterministic and takes about 25 minutes).
[ -f "$work/data/synth.json" ] || ./bestshot synth degradations --photos "$photos" --out "$work/data" --max-side 1024

# 3. Frozen backbone (int8 features, as scoring uses) on the 224 view, 8 native measures, MSE on the likes ratio (every
#    clean original shares one label, so all photos land on one scale). Chosen on split seed 1: docs/model-card.md.
rm -rf "$work/run"
./bestshot train "$work/data" --out "$work/run" --cache "$work/features.sqlite" \
  --native-measures --detail-crops 0 --views 0 --int8-features --loss mse --epochs 60 --batch-size 128 --lr 1e-3 --dropout 0.5

# 4. Ship the head only; the backbone comes from the NuGet package at build time.
./bestshot export "$work/run" --out models/default.head.onnx --head-only

# 5. The model card's table: held-out photos, int8 scorer.
./bestshot eval models/default.head.onnx "$work/data"
