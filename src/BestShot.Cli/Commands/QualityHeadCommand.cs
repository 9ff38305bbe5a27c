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
        };
        cmd.SetAction(
            (r, cancel) =>
            {
                List<QualityRow> rows = [];
                try
                {
                    console.Progress(
                        "features (%)",
                        100,
                        report =>
                            rows = QualityRow.Load(
                                r.GetValue(data)!,
                                (done, total) => report(100 * done / Math.Max(1, total)),
                                cancel,
                                r.GetValue(maxSources)
                            )
                    );
                }
                catch (DatasetException e)
                {
                    console.Error(e.Message);
                    return Task.FromResult(ExitCodes.BadInput);
                }
                int s = r.GetValue(seed);
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
                console.Print($"split seed {s}; {rows.Count} photos");
                console.Print(
                    "| recipe | within medium | within high | AUC medium | AUC high | chains Spearman | clean under 30 | clean 10th pct |"
                );
                console.Print("|---|---|---|---|---|---|---|---|");
                foreach (var result in QualityLab.Compare(rows, s, QualityRecipe.Candidates()))
                    console.Print(Row(result.Recipe.Name, result.Metrics));
                return Task.FromResult(ExitCodes.Ok);
            }
        );
        return cmd;
    }

    static string Row(string name, QualityMetrics m) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {100 * m.WithinMedium:0.0} % | {100 * m.WithinHigh:0.0} % | {m.AucMedium:0.000} | {m.AucHigh:0.000} | "
                + $"{m.ChainSpearman:0.000} | {100 * m.CleanUnder30:0.0} % | {m.CleanP10:0} |"
        );
}
