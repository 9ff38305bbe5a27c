using System.CommandLine;
using System.Globalization;
using BestShot.Core.Data;
using BestShot.Core.Features;
using BestShot.Core.Group;
using BestShot.Core.Score;
using BestShot.Lab.Bench;
using BestShot.Lab.Synth;
using Spectre.Console;

namespace BestShot.Cli.Commands;

/// <summary>`bestshot bench cull`: grouping, keeper and reject accuracy on a synthetic shoot with known truth, and times.</summary>
public static class BenchCullCommand
{
    public static Command Create(CliConsole console)
    {
        var options = new RecordOptions<ShootSynthOptions>(new ShootSynthOptions());
        options.Add<string?>(
            "--photos",
            "Source photos (default: ../shared/data/photos if present, else generated pictures)",
            s => s.Photos,
            (s, v) => s with { Photos = v }
        );
        options.Add("--frames", "Frames in the shoot", s => s.Frames, (s, v) => s with { Frames = v });
        options.Add("--seed", "Seed of the shoot", s => s.Seed, (s, v) => s with { Seed = v });
        options.Add("--long-side", "Long side of each frame, px", s => s.LongSide, (s, v) => s with { LongSide = v });
        options.Switch(
            "--copied",
            "A copied folder: no EXIF, one file time, every scene a different photo (strangers side by side)",
            (s, v) => s with { Copied = v }
        );
        var output = new Option<string?>("--out")
        {
            Description = "Folder for the shoot and its score cache (default: the cache folder); kept, so a second run is fast",
        };
        var sweep = new Option<bool>("--sweep")
        {
            Description = "Also regroup with a grid of --max-gap and --min-similarity values (--near-duplicate with --copied)",
        };
        var cmd = new Command("cull", "Measure cull on a synthetic shoot: grouping F1, keepers, rejects, brackets, panoramas, time")
        {
            output,
            sweep,
        };
        options.AddTo(cmd);
        cmd.SetAction(r =>
        {
            var given = options.Bind(r);
            var shoot = given with { Photos = given.Photos ?? CullBench.SharedPhotos() };
            if (shoot.Frames < 1 || shoot.LongSide < 32)
            {
                console.Error("--frames must be at least 1 and --long-side at least 32");
                return ExitCodes.BadInput;
            }
            string folder =
                r.GetValue(output)
                ?? Path.Combine(
                    CacheRoot.Folder,
                    "bench-cull",
                    $"seed{shoot.Seed}-{shoot.Frames}-{shoot.LongSide}px{(shoot.Photos == null ? "-generated" : "")}"
                        + (shoot.Copied ? "-copied" : "")
                );
            var o = new CullBenchOptions
            {
                Shoot = shoot,
                Folder = folder,
                Sweep = r.GetValue(sweep),
            };
            console.Info($"shoot: {folder} (from {shoot.Photos ?? "generated pictures"})");
            List<ShootFrame> truth = [];
            console.Progress("writing the shoot", shoot.Frames, report => truth = ShootSynth.Write(folder, shoot, (i, _) => report(i)));
            using var scorer = OnnxScorer.Open(null, null, int8: true);
            CullBenchResult? result = null;
            console.Progress("scoring and culling", truth.Count, report => result = CullBench.Run(scorer, o, truth, (i, _) => report(i)));
            Print(console, result!, o);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    static void Print(CliConsole console, CullBenchResult r, CullBenchOptions o)
    {
        var s = r.Scores;
        var g = o.Cull.Grouping;
        var inv = CultureInfo.InvariantCulture;
        string shoot = o.Shoot.Copied
            ? string.Create(inv, $"copied (no EXIF), --near-duplicate {g.NearDuplicate} --same-layout {g.SameLayout}")
            : string.Create(inv, $"--max-gap {g.MaxGapSeconds} --min-similarity {g.MinSimilarity}");
        var t = new Table()
            .Title($"bench cull: {r.Frames} frames, {r.Scenes} scenes, seed {o.Shoot.Seed}, {shoot}")
            .AddColumns("measure", "value");
        t.AddRow("grouping precision / recall / F1 (pairs of frames)", $"{s.PairPrecision:F3} / {s.PairRecall:F3} / {s.PairF1:F3}");
        t.AddRow(
            "strangers merged (scenes shot one after the other)",
            $"{Share(s.NeighboursMerged, s.Neighbours)} ({s.NeighboursMerged} of {s.Neighbours})"
        );
        if (o.Shoot.Copied)
            t.AddRow(
                "strangers alike (any two scenes, were they side by side)",
                $"{Share(s.StrangersAlike, s.Strangers)} ({s.StrangersAlike} of {s.Strangers})"
            );
        t.AddRow("keeper unspoiled (bursts)", $"{Share(s.KeeperOk, s.Bursts)} ({s.KeeperOk} of {s.Bursts})");
        t.AddRow("reject precision / recall", $"{s.RejectPrecision:F3} / {s.RejectRecall:F3}");
        t.AddRow("brackets and panoramas kept whole", $"{s.WholeOk} of {s.Whole}");
        t.AddRow("first run (decode, score, group)", $"{r.FirstRunSeconds:F1} s");
        t.AddRow("second run (scores cached: EXIF, group, cull)", $"{r.CachedRunSeconds:F2} s");
        console.Std.Write(t);
        var spoils = new Table().Title("frames marked reject, by how they were spoiled").AddColumns("frames", "count", "rejected");
        foreach (var (spoil, n, rejected) in s.BySpoil)
            spoils.AddRow(spoil, n.ToString(CultureInfo.InvariantCulture), Share(rejected, n));
        console.Std.Write(spoils);
        if (r.Sweep.Count == 0)
            return;
        var grid = new Table()
            .Title("sweep (same scores, regrouped)")
            .AddColumns(
                o.Shoot.Copied ? "--same-layout" : "--max-gap",
                o.Shoot.Copied ? "--near-duplicate" : "--min-similarity",
                "F1",
                "recall",
                "strangers merged",
                "alike",
                "keeper",
                "whole"
            );
        foreach (var (gap, sim, sc) in r.Sweep)
            grid.AddRow(
                gap.ToString(CultureInfo.InvariantCulture),
                sim.ToString(CultureInfo.InvariantCulture),
                sc.PairF1.ToString("F3", CultureInfo.InvariantCulture),
                sc.PairRecall.ToString("F3", CultureInfo.InvariantCulture),
                Share(sc.NeighboursMerged, sc.Neighbours),
                Share(sc.StrangersAlike, sc.Strangers),
                Share(sc.KeeperOk, sc.Bursts),
                $"{sc.WholeOk}/{sc.Whole}"
            );
        console.Std.Write(grid);
        var rejects = new Table()
            .Title("reject rules (same scores and moments)")
            .AddColumns("--soft-share", "--soft-areas", "--reject-gap", "--reject-under", "keeper", "reject precision", "recall");
        foreach (var (c, sc) in r.RejectSweep)
            rejects.AddRow(
                c.SoftShare.ToString(CultureInfo.InvariantCulture),
                c.RejectSoftCells.ToString(CultureInfo.InvariantCulture),
                c.RejectBelowBest.ToString(CultureInfo.InvariantCulture),
                c.RejectUnder.ToString(CultureInfo.InvariantCulture),
                Share(sc.KeeperOk, sc.Bursts),
                sc.RejectPrecision.ToString("F3", CultureInfo.InvariantCulture),
                sc.RejectRecall.ToString("F3", CultureInfo.InvariantCulture)
            );
        console.Std.Write(rejects);
    }

    static string Share(long part, long whole) => whole == 0 ? "–" : (part / (double)whole).ToString("P1", CultureInfo.InvariantCulture);
}
