using System.CommandLine;
using System.Globalization;
using BestShot.Core.Data;
using BestShot.Training.Quality;

namespace BestShot.Cli.Commands;

/// <summary>
/// `bestshot quality-head DATA... [--out FILE --recipe NAME]`: compares the quality-head designs of issue 24 on one
/// split's held-out sources (a Markdown table), or fits one and writes it as a head-only model.
/// </summary>
public static class QualityHeadCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new Argument<string[]>("datasets")
        {
            Description = "`synth degradations` datasets (the fixed kinds, and random chains with --chains) of the same photos",
            Arity = ArgumentArity.OneOrMore,
        };
        var seed = new Option<int>("--split-seed") { Description = "Which 80/20 split by source photo to fit and measure on" };
        var output = new Option<string?>("--out", "-o") { Description = "Write the recipe named by --recipe as a head-only model" };
        var maxSources = new Option<int>("--max-sources")
        {
            Description = "Use at most this many source photos, spread over the datasets (0: all); the split is by source photo",
        };
        var reportData = new Option<string?>("--report")
        {
            Description =
                "A dataset of the same photos to report on, never to fit or choose on (the outside generator's): its held-out sources",
        };
        var recipe = new Option<string?>("--recipe") { Description = "The recipe to write, by its name in the comparison table" };
        var cmd = new Command(
            "quality-head",
            "Compare linear, measures-first and pristine-statistics quality heads on held-out sources, or write one as a model"
        )
        {
            data,
            seed,
            output,
            recipe,
            maxSources,
            reportData,
        };
        cmd.SetAction(
            (r, cancel) =>
            {
                List<QualityRow> rows = [];
                List<QualityRow>? report = null;
                int s = r.GetValue(seed);
                List<QualityRow> Load(string label, string[] datasets, Func<string, bool>? keep)
                {
                    List<QualityRow> loaded = [];
                    console.Progress(
                        label,
                        100,
                        bar =>
                            loaded = QualityRow.Load(
                                datasets,
                                (d, t) => bar(100 * d / Math.Max(1, t)),
                                cancel,
                                r.GetValue(maxSources),
                                keep
                            )
                    );
                    return loaded;
                }
                try
                {
                    rows = Load("features (%)", r.GetValue(data)!, null);
                    if (r.GetValue(reportData) is { } other)
                        report = Load("report features (%)", [other], QualityLab.HeldOut(rows, s));
                }
                catch (DatasetException e)
                {
                    console.Error(e.Message);
                    return Task.FromResult(ExitCodes.BadInput);
                }
                if (r.GetValue(output) is { } path)
                {
                    var chosen = QualityRecipe.Candidates().FirstOrDefault(c => c.Name == r.GetValue(recipe));
                    if (chosen == null)
                    {
                        console.Error(
                            $"--recipe: give one of the names the comparison prints, e.g. \"{QualityRecipe.Candidates().First().Name}\""
                        );
                        return Task.FromResult(ExitCodes.BadInput);
                    }
                    var m = QualityLab.Write(path, rows, s, chosen);
                    console.Print(Row(chosen.Name, m));
                    console.Wrote(path);
                    return Task.FromResult(ExitCodes.Ok);
                }
                void Table(string title, IEnumerable<(QualityRecipe Recipe, QualityMetrics Metrics)> table)
                {
                    console.Print(title);
                    console.Print(
                        "| recipe | within medium | within high | AUC medium | AUC high | chains Spearman | clean under 30 "
                            + "| clean 10th pct | noise within medium | motion blur within medium |"
                    );
                    console.Print("|---|---|---|---|---|---|---|---|---|---|");
                    foreach (var (recipeRow, metrics) in table)
                        console.Print(Row(recipeRow.Name, metrics));
                    console.Print("");
                }
                var results = QualityLab.Compare(rows, s, QualityRecipe.Candidates(), report).ToList();
                Table(
                    $"split seed {s}: held-out sources of {string.Join(", ", r.GetValue(data)!)} ({rows.Count} photos in all)",
                    results.Select(x => (x.Recipe, x.Metrics))
                );
                if (report != null)
                    Table(
                        $"report only: {r.GetValue(reportData)}, the same held-out sources ({report.Count} photos)",
                        results.Select(x => (x.Recipe, x.Report!))
                    );
                return Task.FromResult(ExitCodes.Ok);
            }
        );
        return cmd;
    }

    static string Row(string name, QualityMetrics m) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {100 * m.WithinMedium:0.0} % | {100 * m.WithinHigh:0.0} % | {m.AucMedium:0.000} | {m.AucHigh:0.000} | "
                + $"{m.ChainSpearman:0.000} | {100 * m.CleanUnder30:0.0} % | {m.CleanP10:0} | {100 * m.NoiseWithinMedium:0.0} % | "
                + $"{100 * m.MotionWithinMedium:0.0} % |"
        );
}
