using BestShot.Core.Imaging;
using BestShot.Core.Rank;
using BestShot.Core.Score;

namespace BestShot.Core.Group;

/// <param name="FileTimes">Photos whose capture time came from the file, not EXIF (grouping by time is then weaker).</param>
public sealed record CullResult(IReadOnlyList<Moment> Moments, RankResult Rank, int FileTimes);

/// <summary>
/// `cull`: rank with embeddings (from the score cache when the photos were scored before, so a second run decodes
/// nothing), read each photo's capture time and camera, then group and pick keepers and rejects.
/// </summary>
public static class CullRun
{
    public static CullResult Run(
        IReadOnlyList<string> photos,
        OnnxScorer scorer,
        RankOptions rank,
        CullOptions cull,
        Action<string, string>? onSkip = null,
        Action<int, int>? progress = null,
        CancellationToken cancel = default
    )
    {
        var (frames, ranked) = Frames(photos, scorer, rank, onSkip, progress, cancel);
        var moments = Culler.Cull(frames, cull, onScale: scorer.Scale != null);
        return new CullResult(moments, ranked, frames.Count(f => f.Capture.TimeSource == CaptureInfo.FromFileTime));
    }

    /// <summary>The scored frames with capture times and embeddings, before grouping (`bench cull` regroups them).</summary>
    public static (List<Frame> Frames, RankResult Ranked) Frames(
        IReadOnlyList<string> photos,
        OnnxScorer scorer,
        RankOptions rank,
        Action<string, string>? onSkip = null,
        Action<int, int>? progress = null,
        CancellationToken cancel = default
    )
    {
        var ranked = Ranker.Rank(photos, scorer, rank with { WithEmbeddings = true }, onSkip, progress, cancel);
        var looks = rank.Looks ? Facts.Looks.For(ranked.Ranked.Select(r => r.Path).ToList(), rank.CachePath, progress, cancel) : [];
        var frames = ranked
            .Ranked.AsParallel()
            .AsOrdered()
            .Select(r => new Frame(
                r.Path,
                CaptureInfo.Read(r.Path),
                r.Embedding,
                r.Shown,
                r.Focus,
                looks.GetValueOrDefault(r.Path),
                r.Likeness
            ))
            .ToList();
        return (frames, ranked);
    }

    /// <summary>The moments with each JPEG's paired RAW named (from the folder walk), so outputs and sidecars cover both.</summary>
    public static List<Moment> WithRaws(IReadOnlyList<Moment> moments, PhotoWalk walk) =>
        moments.Select(m => m with { Photos = m.Photos.Select(p => p with { Raw = walk.RawOf(p.Path) }).ToList() }).ToList();

    /// <summary>`rank --distinct`: the best photo of each moment, best first and ranked again 1, 2, ...</summary>
    public static List<RankedPhoto> Distinct(CullResult result)
    {
        var byPath = result.Rank.Ranked.ToDictionary(r => r.Path);
        return result.Moments.Select((m, i) => byPath[m.Best.Path] with { Rank = i + 1 }).ToList();
    }
}
