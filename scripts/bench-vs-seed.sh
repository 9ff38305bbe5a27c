#!/usr/bin/env bash
# `rank` against the seed's own pipeline (../shared/peers/seed_reference, PyTorch on the same ResNet18 backbone), on the
# same 200 photos of about 1080 px, in one run, alternating the two so that neither gets a quieter machine.
# Two figures per side. Whole command: wall-clock photos/s for 200 photos, start-up, model load and decode included,
# what a user waits for. Steady state: each side also scores 400 photos (the 200 and 200 others), and
# 200 / (time for 400 − time for 200) is its rate with start-up left out of both sides alike. The peer's own
# "end-to-end" rate (its timer starts after its start-up) is printed next to them.
# Needs Debian's python3-torch, python3-torchvision, python3-onnx, python3-pandas and python3-pil.
#   usage: scripts/bench-vs-seed.sh [WORK_DIR] [ROUNDS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
peer="$root/../shared/peers/seed_reference"
photos="$root/../shared/data/photos"
work="${1:-$root/.artifacts/bench-vs-seed}"
rounds="${2:-2}"
py=/usr/bin/python3
[ -d "$peer" ] || { echo "error: $peer is missing (the seed's pipeline lives in ../shared)" >&2; exit 2; }
"$py" -c "import torch, torchvision, onnx, pandas, PIL" 2>/dev/null \
  || { echo "error: $py lacks torch; apt-get install python3-torch python3-torchvision python3-onnx python3-pandas python3-pil" >&2; exit 2; }
mkdir -p "$work"
cd "$root"

# 200 photos, long side 1080 (JPEG quality 90), the same files for both; photos400 adds 200 other sources.
if [ "$(find "$work/photos400" -name '*.jpg' 2>/dev/null | wc -l)" -ne 400 ]; then
  rm -rf "$work/photos" "$work/photos400" && mkdir -p "$work/photos" "$work/photos400"
  "$py" - "$photos" "$work/photos400" <<'PY'
import sys, pathlib
from PIL import Image
src, dst = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
files = sorted(p for p in src.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".png"))
picked = [files[i * len(files) // 400] for i in range(400)]
for i, p in enumerate(picked):
    im = Image.open(p).convert("RGB")
    im.thumbnail((1080, 1080), Image.LANCZOS) if max(im.size) > 1080 else None
    if max(im.size) < 1080:
        s = 1080 / max(im.size)
        im = im.resize((round(im.width * s), round(im.height * s)), Image.LANCZOS)
    im.save(dst / f"{i:03d}.jpg", quality=90)
PY
  # The 200-photo set is every other one of the 400, so both sets draw on the same sources alike.
  for f in "$work"/photos400/*.jpg; do n=$(basename "$f" .jpg); [ $((10#$n % 2)) -eq 0 ] && cp "$f" "$work/photos/"; done
fi

# The peer needs a trained model file; its weights do not change its speed, so the smoke run's model serves.
if [ ! -f "$work/seed/model.pth" ]; then
  (cd "$peer" && "$py" seedref.py make-smoke --out "$work/seed" > /dev/null \
    && "$py" seedref.py train --csv "$work/seed/posts.csv" --out "$work/seed/model.pth" --epochs 1 --batch-size 32 --workers 0 > /dev/null)
fi
./bestshot --help > /dev/null # builds BestShot once, outside the timing

rate() { awk -v n="${2:-200}" -v s="$1" 'BEGIN { printf "%.1f", n / s }'; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { print b - a }'; }
threads=$(nproc)
seed_run() {
  (cd "$peer" && "$py" seedref.py score --model "$work/seed/model.pth" --folder "$1" --batch 32 \
    --threads "$threads" --workers 0 --quiet | grep -o '[0-9.]* images/s end-to-end')
}
ours_run() { ./bestshot rank "$1" --no-cache --json > "$work/rank.json" 2> /dev/null; }
for round in $(seq 1 "$rounds"); do
  t=$(date +%s.%N); peer_line=$(seed_run "$work/photos"); seed200=$(since "$t")
  t=$(date +%s.%N); ours_run "$work/photos"; ours200=$(since "$t")
  t=$(date +%s.%N); peer_line400=$(seed_run "$work/photos400"); seed400=$(since "$t")
  t=$(date +%s.%N); ours_run "$work/photos400"; ours400=$(since "$t")
  seed_steady=$(awk -v a="$seed200" -v b="$seed400" 'BEGIN { print b - a }')
  ours_steady=$(awk -v a="$ours200" -v b="$ours400" 'BEGIN { print b - a }')
  echo "round $round: whole command, 200 photos: seed pipeline $(rate "$seed200") photos/s (its own figure: $peer_line)," \
    "BestShot rank --json $(rate "$ours200") photos/s, ratio $(awk -v a="$seed200" -v b="$ours200" 'BEGIN { printf "%.2f", a / b }')×"
  echo "round $round: steady state, 200 more photos: seed pipeline $(rate "$seed_steady") photos/s (its own figure on 400:" \
    "$peer_line400), BestShot rank --json $(rate "$ours_steady") photos/s," \
    "ratio $(awk -v a="$seed_steady" -v b="$ours_steady" 'BEGIN { printf "%.2f", a / b }')×"
done
