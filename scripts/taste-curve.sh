#!/usr/bin/env bash
# "Teach BestShot your taste", measured: planted-taste folders of 200, 1,000 and 5,000 rated photos (real photos from
# ../shared/data/photos, warmer is better, rating noise 0.3), each imported with `import --ratings` and trained twice
# with no schedule flags: from random weights and from the built-in model (--init default). Prints each run's held-out
# pairwise accuracy with its 95 % interval, the built-in model's on the same pairs, and the planted ceiling.
#   usage: scripts/taste-curve.sh [WORK_DIR] [SIZES...]
#   environment: BESTSHOT (the command, default ./bestshot; a copied build keeps a long run on one version)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
photos="$root/../shared/data/photos"
work="${1:-$root/.artifacts/taste-curve}"
shift || true
sizes=("${@:-200 1000 5000}")
[ -d "$photos" ] || { echo "error: $photos is missing (the reference photos live in ../shared)" >&2; exit 2; }
mkdir -p "$work"
cd "$root"
bestshot=(${BESTSHOT:-./bestshot})
"${bestshot[@]}" --help > /dev/null # builds once, outside the runs
for n in ${sizes[*]}; do
  d="$work/taste$n"
  [ -f "$d/photos/taste.json" ] || "${bestshot[@]}" synth taste --photos "$photos" --out "$d/photos" --count "$n" --seed "$n" 2> /dev/null
  "${bestshot[@]}" import "$d/photos" --ratings --out "$d/dataset" 2> /dev/null
  for start in scratch warm; do
    run="$d/run-$start"
    rm -rf "$run"
    init=(); [ "$start" = warm ] && init=(--init default)
    "${bestshot[@]}" train "$d/dataset" --out "$run" --cache "$work/features.sqlite" "${init[@]}" > "$run.log" 2>&1
    own="$run/model.onnx"; [ -f "$run/personal.onnx" ] && own="$run/personal.onnx" # the run's own, even when not kept
    "${bestshot[@]}" eval "$own" "$d/dataset" --json 2> /dev/null > "$run.eval.json"
    /usr/bin/python3 - "$n" "$start" "$run.eval.json" "$d/photos/taste.json" "$run.log" <<'PY'
import json, sys
n, start, ev, truth, log = sys.argv[1:]
e, t = json.load(open(ev)), json.load(open(truth))
b = e["built_in"]
text = " ".join(open(log).read().split())
kept = ("built-in kept" if "NOT better than the built-in" in text
        else "metadata alone kept" if "NOT better than a ridge" in text else "own model kept")
print(f"{n:>5} rated photos, {start:7}: {e['pairwise_accuracy']:.1%} ({e['pairwise_accuracy_95'][0]:.1%}-{e['pairwise_accuracy_95'][1]:.1%}),"
      f" built-in {b['pairwise_accuracy']:.1%} ({b['pairwise_accuracy_95'][0]:.1%}-{b['pairwise_accuracy_95'][1]:.1%}),"
      f" ceiling {t['ceiling_pairwise_accuracy']:.1%}, {e['pairs']} pairs; {kept}")
PY
  done
done
