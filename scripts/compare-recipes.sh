#!/usr/bin/env bash
# Chooses the built-in model's loss and inputs on split seed 1, whose validation photos are not the ones the model card
# reports (seed 0). Each recipe is the shipped one (scripts/train-default-model.sh) with another loss or input; the
# features come from that script's cache, so each run takes a few minutes once the first (which computes everything
# the others read) has filled it. Prints each recipe's validation headline (within-photo accuracy and cross-photo AUC,
# from the run's summary.md).
#   usage: scripts/compare-recipes.sh WORK_DIR [BESTSHOT]     (WORK_DIR as given to train-default-model.sh)
set -euo pipefail
work="${1:?usage: compare-recipes.sh WORK_DIR [BESTSHOT]}"
bs="${2:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/bestshot}"
# name|flags: the loss and what the head reads; everything else is the shipped recipe.
recipes=(
  "ranknet+measures|--loss ranknet --detail-crops 2 --native-measures"
  "ranknet|--loss ranknet --detail-crops 2"
  "mse+measures|--loss mse --detail-crops 2 --native-measures"
  "ranknet+mse1+measures|--loss ranknet --mse-weight 1 --detail-crops 2 --native-measures"
  "ranknet+mse1+measures-nocrops|--loss ranknet --mse-weight 1 --detail-crops 0 --native-measures"
  "mse+measures-nocrops|--loss mse --detail-crops 0 --native-measures"
  "mse+measures-nocrops-wd0.5|--loss mse --detail-crops 0 --native-measures --weight-decay 0.5"
)
for recipe in "${recipes[@]}"; do
  name="${recipe%%|*}"
  run="$work/recipes/$name"
  mkdir -p "$work/recipes"
  if [ ! -f "$run/summary.md" ]; then
    rm -rf "$run"
    # shellcheck disable=SC2086 # the recipe's flags are meant to split
    "$bs" train "$work/data" --out "$run" --cache "$work/features.sqlite" --seed 1 ${recipe#*|} \
      --views 0 --int8-features --epochs 60 --batch-size 128 --lr 1e-3 --dropout 0.5 > "$run.log" 2>&1
  fi
  echo "$name: $(grep -o 'degradations, validation photos, best epoch: .*' "$run/summary.md" | cut -d: -f2-)"
done
