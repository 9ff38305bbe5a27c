namespace BestShot.Core.Filter;

/// <summary>The seed's dataset filters. A post is kept only when it passes all four.</summary>
/// <param name="MinAvgLikes">Users whose average likes fall below this are too noisy.</param>
/// <param name="MinPosts">Users with fewer posts than this are dropped.</param>
/// <param name="MaxLikesRatio">Users whose max likes / min likes exceed this look like bought likes or bots.</param>
/// <param name="MinAgeHours">Posts younger than this (scrap_time − post_time) have not settled their likes yet. Strictly
/// greater.</param>
public sealed record FilterOptions(double MinAvgLikes = 20, int MinPosts = 6, double MaxLikesRatio = 25, double MinAgeHours = 24);
