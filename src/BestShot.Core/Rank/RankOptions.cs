using BestShot.Core.Facts;
using BestShot.Core.Features;
using BestShot.Core.Score;

namespace BestShot.Core.Rank;

/// <summary>What `rank` scores and how.</summary>
public sealed record RankOptions
{
    public SimulatedMetadata Metadata { get; init; } = SimulatedMetadata.Seed;

    /// <summary>The photo-facts store (a SQLite file or a PostgreSQL URL); null keeps nothing.</summary>
    public string? CachePath { get; init; } = PhotoFactsStore.DefaultPath;
    public ScoreOptions Scoring { get; init; } = new();

    /// <summary>Score only this shard's photos (<see cref="FactsSettings.Shard"/>).</summary>
    public Shard? Shard { get; init; }

    /// <summary>Return each photo's embedding and focus grid too; a cached score without them is then scored again.</summary>
    public bool WithEmbeddings { get; init; }

    /// <summary>
    /// Also look for faces, tilt and exposure (<see cref="Look.PhotoLook"/>, cached by content hash): `cull` uses them
    /// for keepers and reasons. About 40 ms a photo on one core the first time.
    /// </summary>
    public bool Looks { get; init; } = true;

    /// <summary>The settings of <see cref="PhotoFacts"/> these options carry.</summary>
    public FactsSettings Facts =>
        new()
        {
            Metadata = Metadata,
            StorePath = CachePath,
            Scoring = Scoring,
            Shard = Shard,
        };
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

public sealed record RankResult(
    IReadOnlyList<RankedPhoto> Ranked,
    IReadOnlyList<(string Path, string Reason)> Skipped,
    int FromCache,
    int Scored,
    bool Interrupted,
    int Total,
    int Elsewhere = 0
);
