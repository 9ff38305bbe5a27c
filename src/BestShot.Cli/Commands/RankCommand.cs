using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using BestShot.Core.Group;
using BestShot.Core.Look;
using BestShot.Core.Present;
using BestShot.Core.Rank;
using BestShot.Core.Score;

namespace BestShot.Cli.Commands;

/// <summary>`bestshot rank PATH...`: the main job. Scores every photo and prints them best first.</summary>
public static class RankCommand
{
    public static Command Create(CliConsole console)
    {
        var binder = new RankOptionsBinder();
        var cmd = new Command("rank", "Score photos and list them best first");
        binder.AddTo(cmd);
        cmd.SetAction(
            (r, cancel) =>
            {
                var (a, problem) = binder.Bind(r);
                return Task.FromResult(a == null ? Fail(console, problem!) : Run(console, a, cancel));
            }
        );
        return cmd;
    }

    static int Fail(CliConsole console, string problem)
    {
        console.Error(problem);
        return ExitCodes.BadInput;
    }

    /// <summary>The run's last word names this many skipped files; 30,000 names on one line helped nobody.</summary>
    const int ListedSkips = 10;

    static int Run(CliConsole console, RankArguments a, CancellationToken cancel)
    {
        if (PhotosToScore.Open(console, a, cancel) is not { } opened)
            return cancel.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.BadInput;
        var (walk, scorer) = opened;

        var clock = Stopwatch.StartNew();
        RankResult? result = null;
        List<RankedPhoto>? moments = null; // --distinct: each moment's best photo
        using (scorer)
        {
            console.Progress(
                $"ranking {walk.Photos.Count} photos",
                walk.Photos.Count,
                report =>
                {
                    if (a.Distinct)
                    {
                        var culled = CullRun.Run(
                            walk.Photos,
                            scorer,
                            a.Options,
                            new CullOptions(),
                            console.Skip,
                            (d, _) => report(d),
                            cancel
                        );
                        (result, moments) = (culled.Rank, CullRun.Distinct(culled));
                    }
                    else
                        result = Ranker.Rank(walk.Photos, scorer, a.Options, console.Skip, (done, _) => report(done), cancel);
                }
            );
        }
        var res = result!;
        var listed = moments ?? res.Ranked;
        var shown = a.Top is int n ? listed.Take(Math.Max(0, n)).ToList() : listed.ToList();
        // The reasons are looked for only where they are shown (JSON, CSV, the HTML sheet): the table has no room for
        // them, and the look costs about three scorings per low-scored photo.
        bool showsReasons = a.Format != OutputFormat.Table || a.Html != null;
        int low = showsReasons ? shown.Count(p => p.Score100 < Reasons.LowScore) : 0;
        if (low > 0 && !res.Interrupted)
            console.Progress(
                $"looking at {low} low-scored photos",
                low,
                report => shown = LowScoreReasons.For(shown, a.Options.Facts.StorePath, (d, _) => report(d), cancel)
            );
        OutputFormatters.For(a.Format).Write(shown, console.StdOut);
        if (a.Html is string htmlPath)
        {
            HtmlReport.Write(htmlPath, shown, Path.GetFileName(scorer.ModelPath), res.Skipped);
            console.Wrote(htmlPath);
        }

        var skipped = res.Skipped.Concat(walk.Skipped).ToList();
        double seconds = clock.Elapsed.TotalSeconds;
        console.Note(
            string.Create(
                CultureInfo.InvariantCulture,
                $"{res.Ranked.Count} of {res.Total} photos ranked ({res.FromCache} from cache, {res.Scored} scored) in {seconds:F1} s, "
                    + $"{res.Ranked.Count / Math.Max(seconds, 1e-3):F1} photos/s; {skipped.Count} skipped"
            )
        );
        if (res.Elsewhere > 0)
            console.Note(
                $"shard {a.Options.Facts.Shard}: {res.Elsewhere} photos of other shards are not in the store yet, so they are not listed; "
                    + "once every shard is done, the same command without --shard lists them all"
            );
        if (moments != null)
            console.Note($"--distinct: {moments.Count} moments, one photo each (`cull` shows every frame)");
        if (a.Format == OutputFormat.Table && shown.Count > 0)
            console.Note(
                shown[0].Score100 == null
                    ? "scores: this model's raw output (it has no 0–100 scale); compare them within one model only"
                    : "scores: 0–100, the same in every folder; a typical clean photo scores about 70, a ruined one about 10"
            );
        if (skipped.Count > 0)
            console.Note(
                "skipped: "
                    + string.Join(", ", skipped.Take(ListedSkips).Select(s => TableFormatter.Display(s.Path)))
                    + (skipped.Count > ListedSkips ? $" and {skipped.Count - ListedSkips:N0} more (each has its skip: line above)" : "")
            );
        if (res.Interrupted)
        {
            console.Note(
                $"interrupted: {res.Ranked.Count} of {res.Total} photos done; their scores are cached, "
                    + "so running the same command again continues from there"
            );
            return ExitCodes.Interrupted;
        }
        return skipped.Count > 0 ? ExitCodes.SomeSkipped : ExitCodes.Ok;
    }
}
