using BestShot.Core.Facts;

namespace BestShot.Core.Rank;

/// <summary>What `rank` scores and how: the photo-facts settings, and whether embeddings are wanted too.</summary>
public sealed record RankOptions
{
    public FactsSettings Facts { get; init; } = new();

    /// <summary>Return each photo's embedding and focus grid too; a cached score without them is then scored again.</summary>
    public bool WithEmbeddings { get; init; }
}

/// <summary>
/// A ranked photo: Score is the model's raw output, Score100 the same on the model's 0–100 scale (null when the model has
/// none); Embedding is its backbone features, Focus its <see cref="Features.FocusGrid"/> and Likeness its
/// <see cref="Features.Likeness"/> layout when
/// RankOptions.WithEmbeddings asked for them.
/// </summary>
public sealed record RankedPhoto(
    string Path,
    double Score,
    int Rank,
    float[]? Embedding = null,
    double? Score100 = null,
    float[]? Focus = null,
    IReadOnlyList<string>? Reasons = null,
    float[]? Likeness = null
)
{
    /// <summary>What people are shown: the 0–100 score when there is one.</summary>
    public double Shown => Score100 ?? Score;
}

/// <summary>The ranked photos, with how the pass over them went (skips, store hits, interruption).</summary>
public sealed record RankResult(IReadOnlyList<RankedPhoto> Ranked, FactsResult Pass)
{
    public IReadOnlyList<(string Path, string Reason)> Skipped => Pass.Skipped;
    public int FromCache => Pass.FromCache;
    public int Scored => Pass.Scored;
    public bool Interrupted => Pass.Interrupted;
    public int Total => Pass.Total;
    public int Elsewhere => Pass.Elsewhere;
}
