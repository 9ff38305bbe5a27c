using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BestShot.Core.Data;
using BestShot.Core.Eval;
using BestShot.Core.Score;
using Spectre.Console;

namespace BestShot.Cli.Commands;

/// <summary>`bestshot eval RUN_OR_MODEL DATASET`: pairwise accuracy and friends, with baselines.</summary>
public static class EvalCommand
{
    public static Command Create(CliConsole console)
    {
        var modelArg = new Argument<string>("run-or-model") { Description = "A run folder (its model.onnx) or an exported .onnx model" };
        var dataset = new Argument<string>("dataset")
        {
            Description = "Dataset folder; evaluated on the run's validation users (same filters, seed and split)",
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var precision = PrecisionOption.Create();
        var cmd = new Command(
            "eval",
            "Evaluate a model on the seed's validation pairs, next to metadata-only, image-only and chance baselines"
        )
        {
            modelArg,
            dataset,
            json,
            precision,
        };
        cmd.SetAction(
            (r, cancel) =>
            {
                string m = r.GetValue(modelArg)!;
                string modelPath = Directory.Exists(m) ? Path.Combine(m, "model.onnx") : m;
                try
                {
                    using var scorer = OnnxScorer.Open(modelPath, null, r.GetValue(precision) == "int8");
                    var posts = DatasetFile.Read(r.GetValue(dataset)!);
                    EvalReport? report = null;
                    var options = new EvalOptions { Split = SplitOptions.FromModel(scorer.Metadata) ?? new() };
                    console.Progress(
                        "scoring validation photos",
                        100,
                        tick =>
                            report = Evaluator.Run(
                                scorer,
                                posts,
                                options,
                                (p, why) => console.Skip(p, why),
                                (done, total) => tick(done * 100 / total),
                                cancel
                            )
                    );
                    if (r.GetValue(json))
                        console.Print(ToJson(report!));
                    else
                        Print(console, report!);
                    return Task.FromResult(ExitCodes.Ok);
                }
                catch (Exception e) when (e is FileNotFoundException or InvalidDataException or DatasetException)
                {
                    console.Error(e.Message);
                    return Task.FromResult(ExitCodes.BadInput);
                }
            }
        );
        return cmd;
    }

    static double? N(double v) => double.IsNaN(v) ? null : v;

    public static string ToJson(EvalReport r) =>
        JsonSerializer.Serialize(
            new
            {
                pairwise_accuracy = N(r.Model.PairwiseAccuracy),
                val_mse = N(r.Model.ValMse),
                pairs = r.Model.Pairs,
                ties = r.Model.Ties,
                spearman_within_user = N(r.Model.WithinUserSpearman),
                validation_posts = r.ValidationPosts,
                skipped_images = r.SkippedImages,
                by_label_gap = r.Model.ByLabelGap.Select(b => new
                {
                    gap = b.Bucket,
                    pairs = b.Pairs,
                    accuracy = N(b.Accuracy),
                }),
                baselines = r.Baselines.Select(b => new
                {
                    name = b.Name,
                    pairwise_accuracy = N(b.PairwiseAccuracy),
                    val_mse = N(b.ValMse),
                    spearman_within_user = N(b.Spearman),
                }),
                degradations = r.Degradations?.Rows.Select(d => new
                {
                    kind = d.Kind.ToString(),
                    severity = d.Severity,
                    pairs = d.Pairs,
                    original_wins = d.OriginalWins,
                    mean_score_drop = d.MeanScoreDrop,
                }),
                not_monotonic = r.Degradations?.NotMonotonic().Select(k => k.ToString()),
            }
        );

    static void Print(CliConsole console, EvalReport r)
    {
        static string P(double v) => double.IsNaN(v) ? "-" : v.ToString("P1", CultureInfo.InvariantCulture);
        static string F(double v) => double.IsNaN(v) ? "-" : v.ToString("F4", CultureInfo.InvariantCulture);
        var t = new Table()
            .Title($"{r.Model.Pairs} validation pairs ({r.Model.Ties} ties left out), {r.ValidationPosts} posts")
            .AddColumns("", "pairwise accuracy", "val MSE", "Spearman within user");
        t.AddRow("[bold]model[/]", P(r.Model.PairwiseAccuracy), F(r.Model.ValMse), F(r.Model.WithinUserSpearman));
        foreach (var b in r.Baselines)
            t.AddRow(Markup.Escape(b.Name), P(b.PairwiseAccuracy), F(b.ValMse), F(b.Spearman));
        console.Std.Write(t);
        var g = new Table().Title("Model accuracy by |Δ label|").AddColumns("|Δ log likes ratio|", "pairs", "accuracy");
        foreach (var b in r.Model.ByLabelGap)
            g.AddRow(b.Bucket, b.Pairs.ToString(), P(b.Accuracy));
        console.Std.Write(g);
        if (r.Degradations is not { } d)
            return;
        var t2 = new Table()
            .Title("Held-out photos: share of (original, degraded) pairs where the original scores higher")
            .AddColumns("degradation", "low", "medium", "high", "mean score drop (low / medium / high)");
        foreach (var kind in d.Rows.GroupBy(x => x.Kind))
        {
            string Cell(int s) => kind.FirstOrDefault(x => x.Severity == s) is { } row ? P(row.OriginalWins) : "-";
            t2.AddRow(
                BestShot.Core.Synth.Degradation.Name(kind.Key),
                Cell(1),
                Cell(2),
                Cell(3),
                string.Join(
                    " / ",
                    kind.OrderBy(x => x.Severity).Select(x => x.MeanScoreDrop.ToString("F3", CultureInfo.InvariantCulture))
                )
            );
        }
        console.Std.Write(t2);
        var bad = d.NotMonotonic().ToList();
        console.Std.WriteLine(
            bad.Count == 0
                ? "Monotonic: every kind's mean score falls with each step of severity."
                : $"Not monotonic: {string.Join(", ", bad)}"
        );
    }
}
