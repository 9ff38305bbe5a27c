namespace BestShot.Core.Filter;

/// <summary>The seed's dataset filters. A post is kept only when it passes all four.</summary>
public sealed record FilterOptions
{
    /// <summary>Users whose average likes fall below this are too noisy.</summary>
    public double MinAvgLikes { get; init; } = 20;

    /// <summary>Users with fewer posts than this are dropped.</summary>
    public int MinPosts { get; init; } = 6;

    /// <summary>Users whose max likes / min likes exceed this look like bought likes or bots.</summary>
    public double MaxLikesRatio { get; init; } = 25;

    /// <summary>Posts younger than this (scrap_time − post_time) have not settled their likes yet. Strictly greater.</summary>
    public double MinAgeHours { get; init; } = 24;
}
