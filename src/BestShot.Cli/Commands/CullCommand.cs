using System.CommandLine;
using System.Globalization;
using BestShot.Core.Features;
using BestShot.Core.Group;
using BestShot.Core.Imaging;
using BestShot.Core.Present;

namespace BestShot.Cli.Commands;

/// <summary>`bestshot cull PATH...`: group bursts into moments, pick the keeper of each, mark the rejects.</summary>
public static class CullCommand
{
    public static Command Create(CliConsole console)
    {
        var output = new PhotoOutputOptions(
            "moments, best first: {group, kind, grouped_by, photos: [{path, score, stars, keeper, reject, why, time, "
                + "time_source, raw, reasons}]}",
            "group,kind,path,score,keeper,reject,why,raw,reasons,stars,grouped_by"
        );
        var scoring = new ScoringOptions();
        var cullOptions = CullChoices.Create();
        var writeXmp = new Option<bool>("--write-xmp")
        {
            Description =
                "Write ratings, keeper labels and picks into XMP sidecars, merged with what is there (photos are never touched)",
        };
        var style = new Option<XmpStyle>("--xmp-style")
        {
            Description = "Fields for: all (default), darktable (rating −1 = reject), lightroom (0–5 and label), digikam (pick label)",
            DefaultValueFactory = _ => XmpStyle.All,
        };
        var sidecarName = new Option<SidecarName>("--sidecar-name")
        {
            Description =
                "full: IMG_0001.JPG.xmp (darktable, digiKam, Immich); adobe: IMG_0001.xmp (Lightroom), which collides for "
                + "RAW+JPEG pairs of one base name",
            DefaultValueFactory = _ => SidecarName.Full,
        };
        var overwrite = new Option<bool>("--overwrite-ratings") { Description = "Replace ratings set by hand (kept by default)" };
        var label = new Option<string>("--keeper-label")
        {
            Description = "xmp:Label for keepers: Red, Yellow, Green, Blue, Purple, or empty for none",
            DefaultValueFactory = _ => new XmpOptions().KeeperLabel,
        };
        var html = new Option<string?>("--html") { Description = "Also write a self-contained HTML sheet by moment to this file" };
        var dryRun = new Option<bool>("--dry-run") { Description = "With --write-xmp: print what would be written, write nothing" };
        var cmd = new Command("cull", "Group bursts into moments, keep the best frame of each, mark the clearly spoiled ones");
        cmd.Arguments.Add(output.Paths);
        var own = cullOptions.All.Concat([writeXmp, style, sidecarName, overwrite, label, dryRun, html]);
        foreach (var o in new[] { scoring.Model }.Concat(output.Formats).Concat(scoring.Rest).Concat(own))
            cmd.Options.Add(o);
        cmd.SetAction(
            (r, cancel) =>
            {
                // The simulated account moves every photo alike and decides nothing here: the built-in default.
                var (choice, problem) = scoring.Bind(r, SimulatedMetadata.Seed);
                var (paths, format, outputProblem) = output.Bind(r);
                problem ??= outputProblem;
                var options = cullOptions.Bind(r);
                problem ??= options.Problem();
                var xmp = !r.GetValue(writeXmp)
                    ? null
                    : new XmpOptions
                    {
                        Style = r.GetValue(style),
                        Name = r.GetValue(sidecarName),
                        OverwriteRatings = r.GetValue(overwrite),
                        DryRun = r.GetValue(dryRun),
                        KeeperLabel = r.GetValue(label) ?? "",
                    };
                return Task.FromResult(
                    choice == null || problem != null
                        ? Fail(console, problem!)
                        : Run(console, RankArguments.Of(paths, format, choice) with { Html = r.GetValue(html) }, options, xmp, cancel)
                );
            }
        );
        return cmd;
    }

    /// <summary>Writes (or, dry, lists) the sidecars; one line per problem; returns how many could not be written.</summary>
    static int WriteSidecars(CliConsole console, IReadOnlyList<Moment> moments, XmpOptions xmp, CancellationToken cancel)
    {
        var changes = XmpSidecars.Write(moments, xmp, cancel);
        foreach (var c in changes.Where(c => c.Problem != null))
            console.Skip(c.Sidecar, c.Problem!);
        if (xmp.DryRun)
            foreach (var c in changes.Where(c => c.Problem == null))
            {
                string rating = c.KeptHandRating ? "kept (set by hand)" : c.Rating.ToString(CultureInfo.InvariantCulture);
                console.Note($"would write {c.Sidecar}: rating {rating}");
            }
        int ok = changes.Count(c => c.Problem == null),
            kept = changes.Count(c => c.Problem == null && c.KeptHandRating);
        console.Note($"{(xmp.DryRun ? "would write" : "wrote")} {ok} XMP sidecars; {kept} ratings set by hand kept");
        return changes.Count - ok;
    }

    static int Fail(CliConsole console, string problem)
    {
        console.Error(problem);
        return ExitCodes.BadInput;
    }

    static int Run(CliConsole console, RankArguments a, CullOptions options, XmpOptions? xmp, CancellationToken cancel)
    {
        if (PhotosToScore.Open(console, a, cancel) is not { } opened)
            return cancel.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.BadInput;
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
        var res = result! with { Moments = CullRun.WithRaws(result!.Moments, walk) };
        if (res.Rank.Interrupted || cancel.IsCancellationRequested)
        {
            // A burst culled from some of its frames, or without its looks, could reject a frame that the rest would
            // have saved: nothing is presented or written from a partial cull.
            console.Note(
                $"interrupted: {res.Rank.Ranked.Count} of {res.Rank.Total} photos scored"
                    + (res.Rank.Interrupted ? "" : ", and looked at in part")
                    + "; that work is cached, nothing was culled or written, and running the same command again continues"
            );
            return ExitCodes.Interrupted;
        }
        if (res.Rank.Elsewhere > 0)
        {
            // The same rule for a shard: a burst split across workers is culled once all of it is known.
            console.Note(
                $"shard {a.Options.Facts.Shard}: {res.Rank.Scored} photos scored and stored, {res.Rank.FromCache} already stored; "
                    + $"{res.Rank.Elsewhere} wait for the other shards' workers, so nothing was culled or written. Once every shard "
                    + "is done, the same command without --shard culls the whole from the store"
            );
            return ExitCodes.Ok;
        }
        CullFormatters.Write(res.Moments, a.Format, console.StdOut);
        if (a.Html is string htmlPath)
        {
            CullSheet.Write(htmlPath, res.Moments);
            console.Wrote(htmlPath);
        }
        int rejects = res.Moments.Sum(m => m.Photos.Count(p => p.Reject));
        string kinds = string.Join(
            ", ",
            new[] { "burst", "single", "bracket", "panorama" }
                .Select(k => (k, n: res.Moments.Count(m => m.Kind == k)))
                .Where(x => x.n > 0 || x.k is "burst" or "single")
                .Select(x => $"{x.n} {x.k}{(x.n == 1 ? "" : "s")}")
        );
        console.Note(
            string.Create(
                CultureInfo.InvariantCulture,
                $"{res.Rank.Ranked.Count} photos in {res.Moments.Count} moments ({kinds}); {rejects} rejects; "
                    + $"scores {res.Rank.FromCache} from cache, {res.Rank.Scored} computed"
            )
        );
        console.Note(
            $"stars ({(options.Ratings == RatingScheme.Shoot ? "relative to the shoot" : "absolute")}): "
                + Stars.Spread(res.Moments.SelectMany(m => m.Photos))
        );
        if (res.FileTimes > 0)
            console.Note(
                $"{res.FileTimes} photos have no EXIF capture time, so time cannot tell their bursts from strangers: only "
                    + "near-duplicates (the same things in the same places) were grouped among them"
            );
        int badSidecars = xmp == null ? 0 : WriteSidecars(console, res.Moments, xmp, cancel);
        var skipped = res.Rank.Skipped.Count + walk.Skipped.Count + badSidecars;
        if (cancel.IsCancellationRequested)
        {
            console.Note("interrupted while writing sidecars: each one was written whole or not at all; run again to finish");
            return ExitCodes.Interrupted;
        }
        return skipped > 0 ? ExitCodes.SomeSkipped : ExitCodes.Ok;
    }
}
