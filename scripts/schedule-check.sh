#!/usr/bin/env bash
# Does `train` with no flags fit the data's size? `synth posts` datasets of about 300, 3,000 and 30,000 posts
# (real photos from ../shared/data/photos, planted degradations and metadata), each trained with no schedule flags and
# evaluated on its held-out users, next to the planted ceiling. Add `--backbone finetune` as a second argument to
# measure fine-tuning instead (small sizes only: each step runs the backbone).
#   usage: scripts/schedule-check.sh [WORK_DIR] [BACKBONE] [SIZES...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
photos="$root/../shared/data/photos"
work="${1:-$root/.artifacts/schedule-check}"
backbone="${2:-frozen}"
shift 2 || true
sizes=("${@:-300 3000 30000}")
[ -d "$photos" ] || { echo "error: $photos is missing (the reference photos live in ../shared)" >&2; exit 2; }
mkdir -p "$work"
cd "$root"
./bestshot --help > /dev/null
for n in ${sizes[*]}; do
  d="$work/posts$n"
  users=$((n / 8))
  [ -f "$d/synth.json" ] || ./bestshot synth posts --photos "$photos" --out "$d" --users "$users" --posts-per-user 8 --seed 1 > /dev/null 2>&1
  run="$work/run$n-$backbone"
  rm -rf "$run"
  ./bestshot train "$d" --out "$run" --backbone "$backbone" --cache "$work/features.sqlite" > "$run.log" 2>&1
  ./bestshot eval "$run/model.onnx" "$d" --json --no-quality-baselines 2> /dev/null > "$run.eval.json"
  /usr/bin/python3 - "$n" "$run.eval.json" "$d/synth.json" "$run.log" <<'PY'
import json, sys
n, ev, truth, log = sys.argv[1:]
e, t = json.load(open(ev)), json.load(open(truth))
sched = next((l for l in open(log) if "schedule for" in l), "").strip()
acc, ceil = e["pairwise_accuracy"], t["ceiling_pairwise_accuracy"]
print(f"{n:>6} posts: {acc:.1%} ({e['pairwise_accuracy_95'][0]:.1%}-{e['pairwise_accuracy_95'][1]:.1%}, {e['pairs']} pairs),"
      f" ceiling {ceil:.1%}, {100 * (ceil - acc):+.1f} points below | {sched}")
PY
done
