#!/usr/bin/env bash
# Chooses the built-in model's loss on split seed 1, whose validation photos are not the ones the model card reports
# (seed 0). Each recipe is the shipped one (scripts/train-default-model.sh) with another loss; the features come from
# that script's cache, so each run takes a few minutes. Prints each recipe's validation headline.
#   usage: scripts/compare-recipes.sh WORK_DIR [BESTSHOT]     (WORK_DIR as given to train-default-model.sh)
set -euo pipefail
work="${1:?usage: compare-recipes.sh WORK_DIR [BESTSHOT]}"
bs="${2:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/bestshot}"
recipes=(
  "ranknet|--loss ranknet"
  "mse|--loss mse"
  "ranknet+cross1|--loss ranknet --cross-pair-weight 1"
  "ranknet+cross3|--loss ranknet --cross-pair-weight 3"
  "ranknet+mse1|--loss ranknet --mse-weight 1"
  "ranknet+mse4|--loss ranknet --mse-weight 4"
  "ranknet+cross1+mse1|--loss ranknet --cross-pair-weight 1 --mse-weight 1"
)
for recipe in "${recipes[@]}"; do
  name="${recipe%%|*}"
  run="$work/recipes/$name"
  if [ ! -f "$run/summary.md" ]; then
    rm -rf "$run"
    # shellcheck disable=SC2086 # the recipe's flags are meant to split
    "$bs" train "$work/data" --out "$run" --cache "$work/features.sqlite" --seed 1 ${recipe#*|} \
      --detail-crops 2 --views 0 --int8-features --epochs 60 --batch-size 128 --lr 1e-3 --dropout 0.5 > "$run.log" 2>&1
  fi
  echo "$name: $(grep -o 'degradations, validation photos, best epoch: .*' "$run/summary.md" | cut -d: -f2-)"
done
