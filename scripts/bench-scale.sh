#!/usr/bin/env bash
# Scoring a library with 1, 2 and 4 `rank --shard K/N` workers, against a SQLite store and a PostgreSQL store, on this
# machine: throughput (photos/s) and the store's write rate (rows/s, every table) for each. The PostgreSQL server is a
# throwaway cluster of this script's own (Debian's postgresql package, initdb, Unix socket only). Photos: long side
# 640 px, cut from ../shared/data/photos with random crops and flips, so that every one has its own content hash.
#   usage: scripts/bench-scale.sh [PHOTOS] [WORK_DIR]        (default 10000 photos, .artifacts/bench-scale)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
count="${1:-10000}"
work="$(realpath -m "${2:-$root/.artifacts/bench-scale}")"
src="$root/../shared/data/photos"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "error: PostgreSQL is missing (apt-get install postgresql)" >&2; exit 2; }
mkdir -p "$work"
cd "$root"

library="$work/library-$count"
if [ "$(find "$library" -name '*.jpg' 2>/dev/null | wc -l)" -ne "$count" ]; then
  rm -rf "$library" && mkdir -p "$library"
  /usr/bin/python3 - "$src" "$library" "$count" <<'PY'
import sys, pathlib, random
from PIL import Image, ImageOps
src, dst, n = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3])
files = sorted(p for p in src.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".png"))
rng = random.Random(0)
for i in range(n):
    im = Image.open(files[i % len(files)]).convert("RGB")
    w, h = im.size
    f = rng.uniform(0.6, 1.0)
    cw, ch = int(w * f), int(h * f)
    x, y = rng.randint(0, w - cw), rng.randint(0, h - ch)
    im = im.crop((x, y, x + cw, y + ch))
    if rng.random() < 0.5:
        im = ImageOps.mirror(im)
    im.thumbnail((640, 640), Image.LANCZOS)
    im.save(dst / f"{i:05d}.jpg", quality=88)
PY
fi

# The PostgreSQL server; PostgreSQL will not run as root, so under root it runs as the package's postgres user.
pg="$work/pg"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
rm -rf "$pg" && mkdir -p "$pg"
[ "$(id -u)" -eq 0 ] && chown postgres "$pg"
port=$((20000 + RANDOM % 20000))
as_pg "$bin/initdb" -D "$pg/data" -U bestshot --auth=trust --no-sync > /dev/null
as_pg "$bin/pg_ctl" -D "$pg/data" -l "$pg/log" -w -o "-k $pg -p $port -c listen_addresses=''" start > /dev/null
trap 'as_pg "$bin/pg_ctl" -D "$pg/data" -w -m fast stop > /dev/null' EXIT
psql_at() { as_pg "$bin/psql" -h "$pg" -p "$port" -U bestshot -d "$1" -At -c "$2"; }

./bestshot --help > /dev/null # builds BestShot once, outside the timing
export XDG_CACHE_HOME="$work/cache" BESTSHOT_PROGRESS_SECONDS=1000
./bestshot rank "$root/samples" --no-cache > /dev/null 2>&1 # builds the int8 backbone once, outside the timing

rows() { # every row of every table of the store
  if [[ "$1" == postgres* ]]; then
    psql_at "$2" "SELECT (SELECT count(*) FROM scores) + (SELECT count(*) FROM embeddings) + (SELECT count(*) FROM focus)
      + (SELECT count(*) FROM likeness) + (SELECT count(*) FROM files)"
  else
    /usr/bin/python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(sum(c.execute(f'select count(*) from {t}').fetchone()[0]
      for t in ('scores','embeddings','focus','likeness','files')))" "$1"
  fi
}

echo "store,workers,photos,seconds,photos_per_s,rows,rows_per_s"
for workers in 1 2 4; do
  for kind in sqlite postgres; do
    if [ "$kind" = postgres ]; then
      db="scale_${workers}"
      psql_at postgres "DROP DATABASE IF EXISTS $db" > /dev/null; psql_at postgres "CREATE DATABASE $db" > /dev/null
      store="postgresql:///$db?host=$pg&port=$port&user=bestshot"
    else
      db=""; store="$work/scale-$workers.sqlite"; rm -f "$store"*
    fi
    t0=$(date +%s.%N)
    pids=()
    for k in $(seq 0 $((workers - 1))); do
      ./bestshot rank "$library" --json --store "$store" --shard "$k/$workers" > /dev/null 2> "$work/worker-$k.log" &
      pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p" || { echo "error: a worker failed; see $work/worker-*.log" >&2; exit 1; }; done
    s=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    n=$(rows "$store" "$db")
    awk -v k="$kind" -v w="$workers" -v c="$count" -v s="$s" -v n="$n" \
      'BEGIN { printf "%s,%d,%d,%.1f,%.1f,%d,%.0f\n", k, w, c, s, c / s, n, n / s }'
  done
done
