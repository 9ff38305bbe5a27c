using System.Globalization;
using System.Text.Json;
using BestShot.Core.Data;
using BestShot.Core.Import;
using BestShot.Lab.Eval;
using BestShot.Lab.Synth;
using Spectre.Console;

namespace BestShot.Cli.Commands;

/// <summary>What `eval` prints: tables for people, or one JSON object.</summary>
public static class EvalOutput
{
    static double? N(double v) => double.IsNaN(v) ? null : v;

    /// <param name="model">Which model was evaluated: its file, and for a run folder whether it is the run's own.</param>
    public static string Json(EvalReport r, IReadOnlyList<(string Name, DegradationReport Report)> quality, string model) =>
        JsonSerializer.Serialize(
            new
            {
                model,
                pairwise_accuracy = N(r.Model.PairwiseAccuracy),
                pairwise_accuracy_95 = new[] { N(r.ModelInterval.Low), N(r.ModelInterval.High) },
                built_in = Interval(r.BuiltIn),
                all_pairs = Interval(r.AllPairs),
                built_in_all_pairs = Interval(r.BuiltInAllPairs),
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
                    all_pairs = Interval(b.AllPairs),
                }),
                degradations = r.Degradations == null ? null : Rows(r.Degradations),
                not_monotonic = r.Degradations?.NotMonotonic().Select(k => k.ToString()),
                quality_baselines = quality.Select(q => new { name = q.Name, degradations = Rows(q.Report) }),
            }
        );

    /// <summary>An accuracy with its interval and pair count, as `built_in` and `all_pairs` give it; null when absent.</summary>
    static object? Interval(AccuracyInterval? a) =>
        a is { } x
            ? new
            {
                pairwise_accuracy = N(x.Accuracy),
                pairwise_accuracy_95 = new[] { N(x.Low), N(x.High) },
                pairs = x.Pairs,
            }
            : null;

    static IEnumerable<object> Rows(DegradationReport d) =>
        d.Rows.Select(x => new
        {
            kind = x.Kind.ToString(),
            severity = x.Severity,
            pairs = x.Pairs,
            original_wins = x.OriginalWins,
            mean_score_drop = x.MeanScoreDrop,
            cross_photo_auc = N(x.CrossPhotoAuc),
        });

    static string P(double v) => double.IsNaN(v) ? "-" : v.ToString("P1", CultureInfo.InvariantCulture);

    static string F(double v) => double.IsNaN(v) ? "-" : v.ToString("F4", CultureInfo.InvariantCulture);

    static string A(double v) => double.IsNaN(v) ? "-" : v.ToString("F2", CultureInfo.InvariantCulture);

    public static void Print(
        CliConsole console,
        EvalReport r,
        IReadOnlyList<(string Name, DegradationReport Report)> quality,
        Vocabulary words
    )
    {
        var t = new Table()
            .Title($"{r.Model.Pairs} validation pairs ({r.Model.Ties} ties left out), {r.ValidationPosts} {words.Items}")
            .AddColumns("", "pairwise accuracy", "every pair", "val MSE", $"Spearman within {words.Group}");
        t.AddRow(
            "[bold]model[/]",
            P(r.Model.PairwiseAccuracy),
            P(r.AllPairs?.Accuracy ?? double.NaN),
            F(r.Model.ValMse),
            F(r.Model.WithinUserSpearman)
        );
        foreach (var b in r.Baselines)
            t.AddRow(Markup.Escape(b.Name), P(b.PairwiseAccuracy), P(b.AllPairs?.Accuracy ?? double.NaN), F(b.ValMse), F(b.Spearman));
        console.Std.Write(t);
        console.Print($"model: {r.ModelInterval}");
        if (r.AllPairs is { } all)
            console.Print(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"model on every pair within a {words.Group}: {all.Accuracy:P1} ({all.Pairs} pairs; 95 % interval "
                        + $"{all.Low:P1}–{all.High:P1}, counted by photos, as pairs share them)"
                )
            );
        if (r.BuiltIn is { } builtIn)
            console.Print(
                $"built-in model on the same pairs: {builtIn}"
                    + (r.Model.PairwiseAccuracy > builtIn.Accuracy ? "" : " — this model is not better than the built-in one here")
            );
        if (r.BuiltInAllPairs is { } builtInAll)
            console.Print($"built-in model on every pair within a {words.Group}: {builtInAll}");
        var g = new Table()
            .Title(
                words.Ratings
                    ? "Model accuracy by how far apart the two photos' ratings are "
                        + $"(one star = {Math.Log(RatingsReader.StarFactor).ToString("F2", CultureInfo.InvariantCulture)} on this scale)"
                    : "Model accuracy by |Δ label|"
            )
            .AddColumns($"|Δ {words.Label}|", "pairs", "accuracy");
        foreach (var b in r.Model.ByLabelGap)
            g.AddRow(b.Bucket, b.Pairs.ToString(CultureInfo.InvariantCulture), P(b.Accuracy));
        console.Std.Write(g);
        if (r.Degradations is not { } d)
            return;
        var t2 = new Table()
            .Title(
                "Held-out photos. Within: share of (original, spoiled copy) pairs of one photo where the original scores higher. "
                    + "Across: AUC of originals against other photos' spoiled copies"
            )
            .AddColumns("degradation", "within low", "within med", "within high", "AUC low", "AUC med", "AUC high", "mean drop l/m/h");
        foreach (var kind in d.Rows.GroupBy(x => x.Kind))
        {
            string Cell(int s, Func<DegradationRow, string> f) => kind.FirstOrDefault(x => x.Severity == s) is { } row ? f(row) : "-";
            t2.AddRow(
                Degradation.Name(kind.Key),
                Cell(1, x => P(x.OriginalWins)),
                Cell(2, x => P(x.OriginalWins)),
                Cell(3, x => P(x.OriginalWins)),
                Cell(1, x => A(x.CrossPhotoAuc)),
                Cell(2, x => A(x.CrossPhotoAuc)),
                Cell(3, x => A(x.CrossPhotoAuc)),
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
        var summary = new Table()
            .Title(
                "All kinds: the model against one-line quality measures. Within-photo accuracy, cross-photo AUC by severity; "
                    + "tech: the blur, noise, JPEG and exposure kinds alone"
            )
            .AddColumns("scorer", "within med", "within high", "AUC low", "AUC med", "AUC high", "tech AUC med", "tech AUC high");
        void Row(string name, DegradationReport report)
        {
            var (low, med, high) = (report.AtSeverity(1), report.AtSeverity(2), report.AtSeverity(3));
            var (techMed, techHigh) = (
                report.AtSeverity(2, DegradationReport.TechnicalKinds),
                report.AtSeverity(3, DegradationReport.TechnicalKinds)
            );
            summary.AddRow(
                name,
                P(med.OriginalWins),
                P(high.OriginalWins),
                A(low.CrossPhotoAuc),
                A(med.CrossPhotoAuc),
                A(high.CrossPhotoAuc),
                A(techMed.CrossPhotoAuc),
                A(techHigh.CrossPhotoAuc)
            );
        }
        Row("[bold]model[/]", d);
        foreach (var (name, report) in quality)
            Row(Markup.Escape(name), report);
        console.Std.Write(summary);
    }
}
