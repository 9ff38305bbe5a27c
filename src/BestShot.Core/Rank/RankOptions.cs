using BestShot.Core.Facts;

namespace BestShot.Core.Rank;

/// <summary>What `rank` scores and how: the photo-facts settings, and whether embeddings are wanted too.</summary>
public sealed record RankOptions
{
    public FactsSettings Facts { get; init; } = new();

    /// <summary>Return each photo's embedding and focus grid too; a cached score without them is then scored again.</summary>
    public bool WithEmbeddings { get; init; }
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
