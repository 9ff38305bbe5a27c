#!/usr/bin/env python3
# After scripts/schedule-check.sh on several data seeds: the model `train` kept (model.onnx: the run, the built-in
# model or the metadata ridge, whichever ordered the validation pairs best) on every pair, per signal and data seed,
# beside the every-pair ceiling, the built-in model (from eval; from the train log for runs evaluated before eval gave
# it) and the metadata ridge; the gap to the ceiling and to the better baseline; then the means over the seeds.
# Markdown rows.
#   usage: scripts/schedule-seeds.py WORK POSTS TAGS SEEDS
#   TAGS: which TAG each seed's runs carry, as seed:tag pairs, * for the rest (e.g. "1:v2,2:v2,*:base"); SEEDS: 1,2,3
import json, sys, os, re

signed = lambda v: f"{0.0 if abs(v) < 0.05 else v:+.1f}"  # no -0.0
work, n, tags, seeds = sys.argv[1], sys.argv[2], dict(x.split(':') for x in sys.argv[3].split(',')), sys.argv[4].split(',')
for sig in ["damage", "metadata", "colour"]:
    rows = []
    for s in seeds:
        run = f"{work}/run-{sig}{n}-s{s}-frozen-{tags.get(s, tags.get('*'))}"
        try: k = json.load(open(run + ".eval.json"))
        except Exception: continue
        t = json.load(open(f"{work}/{sig}{n}-s{s}/synth.json"))
        ceil = 100 * t["every_pair"]["ceiling_pairwise_accuracy"]
        r = next(x for x in k["baselines"] if "ridge" in x["name"])
        ridge = 100 * r["all_pairs"]["pairwise_accuracy"]
        if k.get("built_in_all_pairs"):  # eval gives it since 2026-12-04; runs evaluated before, from the train log
            bi = 100 * k["built_in_all_pairs"]["pairwise_accuracy"]
        else:
            log = " ".join(open(run + ".log").read().split())
            bi = float(re.search(r"on every pair of two validation .*?the built-in model ([0-9.]+) %", log).group(1))
        kept = 100 * k["all_pairs"]["pairwise_accuracy"]
        rows.append((s, ceil, bi, ridge, kept, " (built-in)" if "built-in model:" in k["model"]
                     else " (metadata alone)" if "metadata alone" in k["model"] else ""))
    for s, ceil, bi, ridge, kept, b in rows:
        print(f"| {sig} | {n} | {s} | {ceil:.1f} | {bi:.1f} | {ridge:.1f} | {kept:.1f}{b} | {signed(ceil - kept)} | {signed(kept - max(bi, ridge))} |")
    if rows:
        m = lambda i: sum(r[i] for r in rows) / len(rows)
        below = sum(1 for r in rows if r[4] < max(r[2], r[3]) - 0.05)
        print(f"| {sig} | {n} | mean of {len(rows)} | {m(1):.1f} | {m(2):.1f} | {m(3):.1f} | {m(4):.1f} | {signed(m(1) - m(4))} | below the better baseline on {below} |")
