using System.CommandLine;
using System.Globalization;
using BestShot.Core.Group;
using BestShot.Core.Present;

namespace BestShot.Cli.Commands;

/// <summary>`bestshot cull PATH...`: group bursts into moments, pick the keeper of each, mark the rejects.</summary>
public static class CullCommand
{
    public static Command Create(CliConsole console)
    {
        var d = new CullOptions();
        var binder = new RankOptionsBinder(listOptions: false);
        var keep = new Option<int>("--keep") { Description = "Keepers per moment (the best N)", DefaultValueFactory = _ => d.Keep };
        var gap = new Option<double>("--max-gap")
        {
            Description = "Seconds between two frames of one moment, at most",
            DefaultValueFactory = _ => d.Grouping.MaxGapSeconds,
        };
        var similarity = new Option<double>("--min-similarity")
        {
            Description = "Cosine of two frames' embeddings within one moment, at least",
            DefaultValueFactory = _ => d.Grouping.MinSimilarity,
        };
        var rejectGap = new Option<double>("--reject-gap")
        {
            Description = "Reject a frame this many points (0–100) below its moment's best",
            DefaultValueFactory = _ => d.RejectBelowBest,
        };
        var rejectUnder = new Option<double>("--reject-under")
        {
            Description = "Reject a frame scoring under this (a ruined photo scores about 10)",
            DefaultValueFactory = _ => d.RejectUnder,
        };
        var cmd = new Command("cull", "Group bursts into moments, keep the best frame of each, mark the clearly spoiled ones");
        binder.AddTo(cmd);
        foreach (var o in new Option[] { keep, gap, similarity, rejectGap, rejectUnder })
            cmd.Options.Add(o);
        cmd.SetAction(
            (r, cancel) =>
            {
                var (a, problem) = binder.Bind(r);
                var options = new CullOptions
                {
                    Keep = r.GetValue(keep),
                    RejectBelowBest = r.GetValue(rejectGap),
                    RejectUnder = r.GetValue(rejectUnder),
                    Grouping = new GroupOptions { MaxGapSeconds = r.GetValue(gap), MinSimilarity = r.GetValue(similarity) },
                };
                problem ??= options.Problem();
                return Task.FromResult(a == null || problem != null ? Fail(console, problem!) : Run(console, a, options, cancel));
            }
        );
        return cmd;
    }

    static int Fail(CliConsole console, string problem)
    {
        console.Error(problem);
        return ExitCodes.BadInput;
    }

    static int Run(CliConsole console, RankArguments a, CullOptions options, CancellationToken cancel)
    {
        if (PhotosToScore.Open(console, a, cancel) is not { } opened)
            return ExitCodes.BadInput;
        var (walk, scorer) = opened;
        CullResult? result = null;
        using (scorer)
        {
            if (scorer.Scale == null)
                console.Warn("this model has no 0–100 scale, so no frame is marked as a reject; keepers are still chosen");
            console.Progress(
                $"culling {walk.Photos.Count} photos",
                walk.Photos.Count,
                report => result = CullRun.Run(walk.Photos, scorer, a.Options, options, console.Skip, (done, _) => report(done), cancel)
            );
        }
        var res = result!;
        CullFormatters.Write(res.Moments, a.Format, console.StdOut);
        int bursts = res.Moments.Count(m => m.Kind == "burst"),
            rejects = res.Moments.Sum(m => m.Photos.Count(p => p.Reject));
        console.Note(
            string.Create(
                CultureInfo.InvariantCulture,
                $"{res.Rank.Ranked.Count} photos in {res.Moments.Count} moments ({bursts} bursts, "
                    + $"{res.Moments.Count - bursts} singles); {rejects} rejects; scores {res.Rank.FromCache} from cache, "
                    + $"{res.Rank.Scored} computed"
            )
        );
        if (res.FileTimes > 0)
            console.Note(
                $"{res.FileTimes} photos have no EXIF capture time; their file modification times were used, which copies and "
                    + "downloads can change"
            );
        var skipped = res.Rank.Skipped.Count + walk.Skipped.Count;
        if (res.Rank.Interrupted)
            return ExitCodes.Interrupted;
        return skipped > 0 ? ExitCodes.SomeSkipped : ExitCodes.Ok;
    }
}
