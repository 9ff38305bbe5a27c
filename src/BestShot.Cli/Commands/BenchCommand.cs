using System.CommandLine;
using System.Globalization;
using BestShot.Core.Backbone;
using BestShot.Core.Imaging;
using BestShot.Core.Look;
using BestShot.Core.Score;
using BestShot.Lab.Bench;
using BestShot.Training.Train;
using Spectre.Console;

namespace BestShot.Cli.Commands;

/// <summary>
/// `bestshot bench`: throughput figures measured in one run, so their ratios are comparable on a noisy machine.
/// Test photos come from ../shared/data/photos when present, otherwise they are generated.
/// </summary>
public static class BenchCommand
{
    public static Command Create(CliConsole console)
    {
        var o = new RecordOptions<ScoringBenchOptions>(new ScoringBenchOptions());
        var model = new Option<string?>("--model", "-m") { Description = "Model to measure (default: the built-in model)" };
        o.Add<string?>(
            "--photos",
            "Source photos for the end-to-end runs (default: ../shared/data/photos if present, else generated)",
            b => b.Photos,
            (b, v) => b with { Photos = v }
        );
        o.Add("--count", "Photos per end-to-end run", b => b.Count, (b, v) => b with { Count = v });
        o.Add("--seconds", "Time per model-only measurement", b => b.Seconds, (b, v) => b with { Seconds = v });
        o.Add("--batch-size", "Inference batch size", b => b.BatchSize, (b, v) => b with { BatchSize = v });
        var precision = PrecisionOption.Create();
        var train = new Option<bool>("--train")
        {
            Description = "Instead: time one epoch of frozen-mode head training on cached features of --posts synthetic posts",
        };
        var posts = new Option<int>("--posts") { Description = "Posts for --train", DefaultValueFactory = _ => 100_000 };
        var cmd = new Command("bench", "Measure model-only, backbone-only and end-to-end rank throughput (1080 px and 12 MP JPEGs)")
        {
            model,
            precision,
            train,
            posts,
        };
        o.AddTo(cmd);
        cmd.SetAction(r =>
        {
            console.Std.WriteLine($"CPU: {CpuFeatures.Describe()}");
            if (r.GetValue(train))
                return HeadTraining(console, r.GetValue(posts));
            using var scorer = OnnxScorer.Open(r.GetValue(model), null, r.GetValue(precision) == "int8");
            var bench = o.Bind(r);
            var f = ScoringBench.Run(scorer, bench, console.Info);
            Print(console, f, scorer, Math.Max(1, bench.BatchSize));
            return ExitCodes.Ok;
        });
        cmd.Subcommands.Add(BenchCullCommand.Create(console));
        cmd.Subcommands.Add(BenchReasonsCommand.Create(console));
        return cmd;
    }

    static int HeadTraining(CliConsole console, int posts)
    {
        var t = new Table()
            .Title($"Frozen-mode head training, {posts:N0} posts, batch 256, {Environment.ProcessorCount} cores")
            .AddColumns("head input", "s/epoch", "steps");
        foreach (int crops in new[] { 0, 2 })
        {
            var (sec, steps) = HeadTrainingBenchmark.Run(posts, 256, crops);
            t.AddRow(
                crops == 0 ? "seed model (512 + 16 + 32)" : "with detail crops (1024 + 16 + 32)",
                F(sec),
                steps.ToString(CultureInfo.InvariantCulture)
            );
        }
        console.Std.Write(t);
        return ExitCodes.Ok;
    }

    static void Print(CliConsole console, ScoringBenchFigures f, OnnxScorer scorer, int batch)
    {
        var table = new Table()
            .Title(
                $"BestShot throughput ({Environment.ProcessorCount} cores, batch {batch}, model {Path.GetFileName(scorer.ModelPath)}, "
                    + $"{scorer.Precision} backbone, {scorer.DetailCrops} detail crops)"
            )
            .AddColumns("measurement", "photos/s", "note");
        table.AddRow(
            "model only",
            F(f.ModelOnly),
            $"batched ONNX Runtime on ready tensors: {1 + scorer.DetailCrops} backbone "
                + $"pass{(scorer.DetailCrops > 0 ? "es" : "")} + head per photo"
        );
        table.AddRow("backbone only, fp32", F(f.BackboneFp32), "one 224×224 ResNet18 pass per image");
        if (f.BackboneInt8 is double int8)
            table.AddRow("backbone only, int8", F(int8), "the same pass, QDQ int8");
        table.AddRow("rank, 1440×1080 JPEG", F(f.RankHd), "decode + preprocess + score, no cache");
        table.AddRow("rank, 4000×3000 JPEG", F(f.Rank12Mp), "12 MP: scaled decode for the global view, band decode for crops");
        var r = f.Reasons;
        table.AddRow(
            "rank + reasons, 1440×1080",
            F(r.RankWithReasons),
            $"{r.LookedAt} of {r.Photos} scored under {Reasons.LowScore} and were looked at (faces, lines): "
                + (1 - r.RankWithReasons / f.RankHd).ToString("P0", CultureInfo.InvariantCulture)
                + " slower than rank alone"
        );
        table.AddRow("look alone, 1440×1080", F(r.LookOnly), "decode, face and line models, measures; runs once per photo, cached");
        table.AddRow("end-to-end / model-only", (f.RankHd / f.ModelOnly).ToString("P0", CultureInfo.InvariantCulture), "1080 px");
        table.AddRow(
            "12 MP slowdown vs 1080 px",
            (f.RankHd / f.Rank12Mp).ToString("F2", CultureInfo.InvariantCulture) + "×",
            "time per photo, 12 MP / 1080 px"
        );
        console.Std.Write(table);

        var stages = new Table()
            .Title("Cost per photo before the model, one thread (ms)")
            .AddColumns("JPEG", "read", "scaled decode", "resize", "band", "tensor", "measures", "focus+layout", "total", "KB");
        foreach (var (name, c) in new[] { ("1440×1080", f.HdStages), ("4000×3000", f.Mp12Stages) })
            stages.AddRow(
                name,
                F(c.ReadMs),
                F(c.ScaledDecodeMs),
                F(c.ResizeMs),
                F(c.BandMs),
                F(c.TensorMs),
                F(c.MeasuresMs),
                F(c.FocusLayoutMs),
                F(c.TotalMs),
                c.FileKB.ToString("F0", CultureInfo.InvariantCulture)
            );
        console.Std.Write(stages);
        if (PeakMemory.Megabytes() is double peak)
            console.Print(
                $"peak resident memory of this benchmark: {peak:F0} MB (the decode budget is {DecodeBudget.Capacity >> 20} MB)"
            );
    }

    static string F(double v) => v.ToString("F1", CultureInfo.InvariantCulture);
}
