using BestShot.Core.Facts;
using BestShot.Core.Imaging;
using BestShot.Core.Rank;
using BestShot.Core.Score;

namespace BestShot.Core.Group;

/// <param name="FileTimes">Photos whose capture time came from the file, not EXIF (grouping by time is then weaker).</param>
public sealed record CullResult(IReadOnlyList<Moment> Moments, RankResult Rank, int FileTimes);

/// <summary>
/// `cull`: the photos' facts in one pass (scores with embeddings, looks and capture times; from the store when the
/// photos were seen before, so a second run decodes nothing), then group and pick keepers and rejects.
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
        var request = new FactsRequest(Embeddings: true, LookScope.All, Capture: true);
        var facts = PhotoFacts.Gather(photos, scorer, rank.Facts, request, onSkip, progress, cancel);
        var ranked = Ranker.Sorted(facts);
        var byPath = facts.Photos.ToDictionary(f => f.Path);
        var frames = ranked
            .Ranked.Select(r => byPath[r.Path])
            .Select(f => new Frame(
                f.Path,
                f.Capture!,
                f.Score.Embedding,
                f.Score100 ?? f.Score.Score,
                f.Score.Focus,
                f.Look,
                f.Score.Likeness,
                f.Hash
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
