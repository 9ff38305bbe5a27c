#!/usr/bin/env bash
# `rank` against the seed's own pipeline (../shared/peers/seed_reference, PyTorch on the same ResNet18 backbone), on the
# same 200 photos of about 1080 px, in one run, alternating the two so that neither gets a quieter machine.
# Each figure is wall-clock photos/s for the whole command (start-up, model load and decode included), because that is
# what a user waits for; the peer's own "end-to-end" rate (which leaves out its start-up) is printed next to it.
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

# 200 photos, long side 1080 (JPEG quality 90), the same files for both.
if [ "$(find "$work/photos" -name '*.jpg' 2>/dev/null | wc -l)" -ne 200 ]; then
  rm -rf "$work/photos" && mkdir -p "$work/photos"
  "$py" - "$photos" "$work/photos" <<'PY'
import sys, pathlib
from PIL import Image
src, dst = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
files = sorted(p for p in src.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".png"))
picked = [files[i * len(files) // 200] for i in range(200)]
for i, p in enumerate(picked):
    im = Image.open(p).convert("RGB")
    im.thumbnail((1080, 1080), Image.LANCZOS) if max(im.size) > 1080 else None
    if max(im.size) < 1080:
        s = 1080 / max(im.size)
        im = im.resize((round(im.width * s), round(im.height * s)), Image.LANCZOS)
    im.save(dst / f"{i:03d}.jpg", quality=90)
PY
fi

# The peer needs a trained model file; its weights do not change its speed, so the smoke run's model serves.
if [ ! -f "$work/seed/model.pth" ]; then
  (cd "$peer" && "$py" seedref.py make-smoke --out "$work/seed" > /dev/null \
    && "$py" seedref.py train --csv "$work/seed/posts.csv" --out "$work/seed/model.pth" --epochs 1 --batch-size 32 --workers 0 > /dev/null)
fi
./bestshot --help > /dev/null # builds BestShot once, outside the timing

rate() { awk -v n=200 -v s="$1" 'BEGIN { printf "%.1f", n / s }'; }
threads=$(nproc)
for round in $(seq 1 "$rounds"); do
  t0=$(date +%s.%N)
  peer_line=$(cd "$peer" && "$py" seedref.py score --model "$work/seed/model.pth" --folder "$work/photos" --batch 32 \
    --threads "$threads" --workers 0 --quiet | grep -o '[0-9.]* images/s end-to-end')
  t1=$(date +%s.%N)
  ./bestshot rank "$work/photos" --no-cache --json > "$work/rank.json" 2> /dev/null
  t2=$(date +%s.%N)
  seed_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
  ours_s=$(awk -v a="$t1" -v b="$t2" 'BEGIN { print b - a }')
  echo "round $round: seed pipeline $(rate "$seed_s") photos/s (its own figure: $peer_line), BestShot rank $(rate "$ours_s") photos/s," \
    "ratio $(awk -v a="$seed_s" -v b="$ours_s" 'BEGIN { printf "%.2f", a / b }')×"
done
