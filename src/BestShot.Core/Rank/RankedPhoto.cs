namespace BestShot.Core.Rank;

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
