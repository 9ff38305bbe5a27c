#!/usr/bin/env bash
# Does `train` with no flags learn whatever drives the likes, at every size? `synth posts` datasets (real photos from
# ../shared/data/photos, 8 posts per account) for each planted signal (damage + metadata as the seed's posts would
# be, metadata alone, a colour taste) at each size, each trained with no flags and evaluated on its held-out accounts,
# next to the planted ceiling, the two oracles (knowing only the photo's term, only the metadata's), the built-in
# model and the metadata-only ridge baseline. Prints one markdown table row per dataset.
#   usage: scripts/schedule-check.sh [WORK_DIR] [BACKBONE] [SIZES...]
#   environment: SIGNALS (default "damage metadata colour"), SEED (the datasets' seed, default 1), TRAIN_FLAGS (extra
#   flags for train, to compare a recipe with the defaults), TAG (names the runs), BESTSHOT (the command, default
#   ./bestshot; a copied build keeps a long sweep on one version while the sources change)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
photos="$root/../shared/data/photos"
work="${1:-$root/.artifacts/schedule-check}"
backbone="${2:-frozen}"
shift 2 || true
sizes=("${@:-300 1000 3000}")
signals=(${SIGNALS:-damage metadata colour})
seed="${SEED:-1}"
tag="${TAG:-default}"
[ -d "$photos" ] || { echo "error: $photos is missing (the reference photos live in ../shared)" >&2; exit 2; }
mkdir -p "$work"
cd "$root"
bestshot=(${BESTSHOT:-./bestshot})
"${bestshot[@]}" --help > /dev/null
echo "| signal | posts | schedule | seed pairs | the run's own model (95 %) | every pair | ceiling (seed / every pair) |"\
  "photo only | metadata only | built-in | metadata ridge (seed / every pair) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for signal in ${signals[*]}; do
  for n in ${sizes[*]}; do
    d="$work/$signal$n-s$seed"
    # (a dataset made before synth.json recorded the every-pair ceiling is written again: same seed, same files)
    grep -qs every_pair "$d/synth.json" || "${bestshot[@]}" synth posts --photos "$photos" --out "$d" --users $((n / 8)) --posts-per-user 8 \
      --seed "$seed" --signal "$signal" > /dev/null 2>&1
    run="$work/run-$signal$n-s$seed-$backbone-$tag"
    rm -rf "$run"
    # shellcheck disable=SC2086
    "${bestshot[@]}" train "$d" --out "$run" --backbone "$backbone" --cache "$work/features.sqlite" ${TRAIN_FLAGS:-} > "$run.log" 2>&1
    "${bestshot[@]}" eval "$run" "$d" --json --no-quality-baselines 2> /dev/null > "$run.eval.json"
    # When train kept another model (the built-in one, the metadata alone), the run's own (personal.onnx) is
    # evaluated too: the recipe's own figure.
    own="$run.eval.json"
    if [ -f "$run/personal.onnx" ]; then
      own="$run.own.json"
      "${bestshot[@]}" eval "$run/personal.onnx" "$d" --json --no-quality-baselines 2> /dev/null > "$own"
    fi
    /usr/bin/python3 - "$signal" "$n" "$own" "$d/synth.json" "$run.log" "$run.eval.json" <<'PY'
import json, sys
signal, n, ev, truth, log, kept_ev = sys.argv[1:]
e, t, k = json.load(open(ev)), json.load(open(truth)), json.load(open(kept_ev))
cfg = json.load(open(log[: -len(".log")] + "/config.json"))
sched = (f"{cfg['views']} views, batch {cfg['batch_size']}, {cfg['epochs']} epochs"
         + (", linear probe" if cfg.get("linear_probe") else "")
         + (f", best of {cfg['smooth_epochs']}-epoch means" if cfg.get("smooth_epochs", 0) > 1 else "")
         + (f", averaged over {cfg['average_epochs']} epochs" if cfg.get("average_epochs") else ""))
p = lambda v: "-" if v is None else f"{100 * v:.1f}"
ridge = next((b["pairwise_accuracy"] for b in e["baselines"] if "ridge" in b["name"]), None)
kept = (" (built-in kept)" if "built-in model:" in k["model"]
        else " (metadata alone kept)" if "metadata alone" in k["model"] else "")
a, lo, hi = e["pairwise_accuracy"], *e["pairwise_accuracy_95"]
every = t.get("every_pair", {})
ridge_all = next((b["all_pairs"]["pairwise_accuracy"] for b in e["baselines"] if "ridge" in b["name"] and b.get("all_pairs")), None)
print(f"| {signal} | {n} | {sched} | {e['pairs']} | {p(a)} ({p(lo)}–{p(hi)}){kept} | {p(e['all_pairs']['pairwise_accuracy'])}"
      f" | {p(t['ceiling_pairwise_accuracy'])} / {p(every.get('ceiling_pairwise_accuracy'))}"
      f" | {p(t['image_only_pairwise_accuracy'])} | {p(t['metadata_only_pairwise_accuracy'])}"
      f" | {p(e['built_in']['pairwise_accuracy'])} | {p(ridge)} / {p(ridge_all)} |")
PY
  done
done
