using BestShot.Core.Facts;
using BestShot.Core.Imaging;
using BestShot.Core.Score;

namespace BestShot.Core.Rank;

/// <summary>
/// The main job: the photos' facts (<see cref="PhotoFacts"/>: from the store, the rest scored in streaming batches),
/// sorted best first.
/// </summary>
public static class Ranker
{
    public static RankResult Rank(
        IReadOnlyList<string> photos,
        OnnxScorer scorer,
        RankOptions options,
        Action<string, string>? onSkip = null,
        Action<int, int>? progress = null,
        CancellationToken cancel = default
    ) => Sorted(PhotoFacts.Gather(photos, scorer, options.Facts, new(options.WithEmbeddings), onSkip, progress, cancel));

    /// <summary>The gathered photos best first, ranked 1, 2, ...; ties in path order so that every run agrees.</summary>
    public static RankResult Sorted(FactsResult facts)
    {
        var ranked = facts
            .Photos.OrderByDescending(f => f.Score.Score)
            .ThenBy(f => f.Path, StringComparer.Ordinal)
            .Select(
                (f, i) =>
                    new RankedPhoto(
                        f.Path,
                        f.Score.Score,
                        i + 1,
                        f.Score.Embedding,
                        f.Score100,
                        f.Score.Focus,
                        Likeness: f.Score.Likeness
                    )
            )
            .ToList();
        return new RankResult(ranked, facts);
    }
}
