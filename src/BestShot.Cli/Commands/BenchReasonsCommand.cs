using System.CommandLine;
using System.Globalization;
using BestShot.Lab.Bench;
using Spectre.Console;

namespace BestShot.Cli.Commands;

/// <summary>`bestshot bench reasons DATA`: how often each reason is given to originals and to each spoiled kind.</summary>
public static class BenchReasonsCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new Argument<string>("data")
        {
            Description = "A degradation set written by `bestshot synth degradations`, or a folder of clean photos (false alarms)",
        };
        var sources = new Option<string>("--sources")
        {
            Description = "Which sources: all, even or odd (choose thresholds on one half, report the other)",
            DefaultValueFactory = _ => "all",
        };
        sources.AcceptOnlyFromAmong("all", "even", "odd");
        var cache = new Option<string?>("--cache") { Description = "Score cache for the looks (default: DATA/looks.sqlite)" };
        var cmd = new Command("reasons", "Measure how often each low-score reason is given, on a degradation set")
        {
            data,
            sources,
            cache,
        };
        cmd.SetAction(
            (r, cancel) =>
            {
                string dir = r.GetValue(data)!;
                var o = new ReasonsBenchOptions
                {
                    Data = dir,
                    Sources = r.GetValue(sources)!,
                    CachePath = r.GetValue(cache) ?? Path.Combine(dir, "looks.sqlite"),
                };
                List<(string Group, string Path)> photos;
                try
                {
                    photos = ReasonsBench.Photos(o);
                }
                catch (DirectoryNotFoundException e)
                {
                    console.Error(e.Message);
                    return Task.FromResult(ExitCodes.BadInput);
                }
                List<ReasonRates>? rates = null;
                console.Progress(
                    $"looking at {photos.Count} photos",
                    photos.Count,
                    report => rates = ReasonsBench.Run(photos, o.CachePath, (d, _) => report(d), cancel)
                );
                Print(console, rates!, o);
                return Task.FromResult(ExitCodes.Ok);
            }
        );
        return cmd;
    }

    /// <summary>One row per group, its reasons (given to 1 % or more) in one column, so the table fits a terminal.</summary>
    static void Print(CliConsole console, List<ReasonRates> rates, ReasonsBenchOptions o)
    {
        var table = new Table()
            .Title($"Share of photos given each reason ({o.Sources} sources of {Path.GetFileName(Path.GetFullPath(o.Data))})")
            .AddColumns("photos", "n", "reasons given (% of the photos)");
        foreach (var r in rates)
            table.AddRow(
                r.Group,
                r.Photos.ToString(CultureInfo.InvariantCulture),
                string.Join(
                    " · ",
                    r.Share.Where(x => x.Value >= 0.005)
                        .OrderByDescending(x => x.Value)
                        .Select(x => $"{x.Key} {(x.Value * 100).ToString("F0", CultureInfo.InvariantCulture)}")
                )
            );
        console.Std.Write(table);
    }
}
