using BestShot.Core.Features;
using BestShot.Core.Score;

namespace BestShot.Core.Rank;

/// <summary>What `rank` scores and how.</summary>
public sealed record RankOptions
{
    /// <summary>An exported model or head file; null uses the default model.</summary>
    public string? Model { get; init; }
    public SimulatedMetadata Metadata { get; init; } = SimulatedMetadata.Seed;
    /// <summary>Score cache file; null disables the cache.</summary>
    public string? CachePath { get; init; } = ScoreCache.DefaultPath;
    public ScoreOptions Scoring { get; init; } = new();
}

public sealed record RankedPhoto(string Path, double Score, int Rank);

public sealed record RankResult(IReadOnlyList<RankedPhoto> Ranked, IReadOnlyList<(string Path, string Reason)> Skipped, int FromCache, int Scored, bool Interrupted, int Total);
