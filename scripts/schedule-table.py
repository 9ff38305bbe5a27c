#!/usr/bin/env python3
"""The issue-27 table from two scripts/schedule-check.sh sweeps over the same datasets (a TAG each, say `before` and
`default`): per signal, size and dataset seed, the ceiling and oracles, the baselines, and both recipes' own models on
the seed's pairs and on every pair within an account.
  usage: scripts/schedule-table.py WORK_DIR BEFORE_TAG AFTER_TAG [SEEDS...]"""
import json, os, sys

work, before, after, *seeds = sys.argv[1:]
seeds = seeds or ["1", "2"]
p = lambda v: "-" if v is None else f"{100 * v:.1f}"


def run(signal, n, seed, tag):
    base = f"{work}/run-{signal}{n}-s{seed}-frozen-{tag}"
    own = base + ".own.json" if os.path.exists(base + ".own.json") else base + ".eval.json"
    if not os.path.exists(own):
        return None, None
    return json.load(open(own)), json.load(open(base + ".eval.json"))


print("| signal | posts | data seed | ceiling (seed / every pair) | oracle: photo / metadata only | built-in | "
      "metadata ridge (seed / every) | before: own model (seed / every) | now: own model (seed / every) | now below the "
      "ceiling (seed / every) |")
print("|---|---|---|---|---|---|---|---|---|---|")
for signal in ["damage", "metadata", "colour"]:
    for n in [300, 1000, 3000]:
        for seed in seeds:
            truth = f"{work}/{signal}{n}-s{seed}/synth.json"
            if not os.path.exists(truth):
                continue
            t = json.load(open(truth))
            every = t.get("every_pair", {})
            old, _ = run(signal, n, seed, before)
            new, kept = run(signal, n, seed, after)
            if new is None:
                continue
            ridge = next(b for b in new["baselines"] if "ridge" in b["name"])
            ceil_s, ceil_e = t["ceiling_pairwise_accuracy"], every.get("ceiling_pairwise_accuracy")
            now_s, now_e = new["pairwise_accuracy"], new["all_pairs"]["pairwise_accuracy"]
            gap = f"{100 * (ceil_s - now_s):+.1f} / {100 * (ceil_e - now_e):+.1f}" if ceil_e is not None else "-"
            mark = (" (built-in kept)" if "built-in model:" in kept["model"]
                    else " (metadata alone kept)" if "metadata alone" in kept["model"] else "")
            print(f"| {signal} | {n} | {seed} | {p(ceil_s)} / {p(ceil_e)} | {p(t['image_only_pairwise_accuracy'])} / "
                  f"{p(t['metadata_only_pairwise_accuracy'])} | {p(new['built_in']['pairwise_accuracy'])} | "
                  f"{p(ridge['pairwise_accuracy'])} / {p((ridge.get('all_pairs') or {}).get('pairwise_accuracy'))} | "
                  f"{p(old and old['pairwise_accuracy'])} / {p(old and old['all_pairs']['pairwise_accuracy'])} | "
                  f"{p(now_s)} / {p(now_e)}{mark} | {gap} |")
