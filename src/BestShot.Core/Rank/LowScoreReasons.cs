using BestShot.Core.Facts;
using BestShot.Core.Look;

namespace BestShot.Core.Rank;

/// <summary>`rank --reasons`: words for the photos that scored low (<see cref="Reasons.LowScore"/>), none for the rest.</summary>
public static class LowScoreReasons
{
    /// <summary>
    /// The photos with their reasons: measured (or read from the cache) for those that scored low; the others get
    /// none. Without a 0–100 scale nothing is "low", so nothing is measured.
    /// </summary>
    public static List<RankedPhoto> For(
        IReadOnlyList<RankedPhoto> photos,
        string? cachePath,
        Action<int, int>? progress = null,
        CancellationToken cancel = default
    )
    {
        var low = photos.Where(p => p.Score100 < Reasons.LowScore).Select(p => p.Path).ToList();
        var looks = low.Count == 0 ? [] : Looks.For(low, cachePath, progress, cancel, scored: true);
        return photos.Select(p => p with { Reasons = Reasons.Explain(looks.GetValueOrDefault(p.Path), p.Score100) }).ToList();
    }
}
