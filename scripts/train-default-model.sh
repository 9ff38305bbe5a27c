#!/usr/bin/env bash
# Reproduces BestShot's built-in model (models/default.head.onnx) and the int8 calibration (models/int8-ranges.json)
# from the reference photos in ../shared/data/photos. Takes about 35 minutes on 2 cores (most of it the synth and the
# features, which a rerun reads from its cache; the fit itself takes a minute).
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

#    And the random chains (4 per source, continuous strengths in random order: DamageChains) the head also trains on.
[ -f "$work/chains/synth.json" ] || ./bestshot synth degradations --photos "$photos" --out "$work/chains" --max-side 1024 --chains 4

# 3. The quality head (issue 24): a ridge regression on the layer statistics, image statistics and native measures of
#    the int8 backbone's pass, mixed at a fixed weight 0.1 with the native Laplacian; fit on the training sources of
#    split seed 0. The recipe was chosen on split seed 1 (`./bestshot quality-head DATA CHAINS --split-seed 1
#    --max-sources 200`): docs/model-card.md.
./bestshot quality-head "$work/data" "$work/chains" --split-seed 0 --out models/default.head.onnx \
  --recipe "ridge, quality, λ 10, Laplacian mix 0.1"

# 4. The model card's table: held-out photos, int8 scorer.
./bestshot eval models/default.head.onnx "$work/data"

# The previous built-in model, kept as models/warm-start.head.onnx (where `train --init default` starts), was made by
#   ./bestshot train "$work/data" --out "$work/run" --native-measures --detail-crops 0 --views 0 --int8-features \
#     --loss mse --epochs 60 --batch-size 128 --lr 1e-3 --dropout 0.5
#   ./bestshot export "$work/run" --out models/warm-start.head.onnx --head-only
