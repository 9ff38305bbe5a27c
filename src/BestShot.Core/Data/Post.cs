namespace BestShot.Core.Data;

/// <summary>One post of the canonical dataset. Times are unix seconds, UTC. ImagePath is absolute.</summary>
public sealed record Post
{
    public required string PostId { get; init; }
    public required string UserId { get; init; }
    public required string ImagePath { get; init; }
    public required double Likes { get; init; }

    /// <summary>The user's average likes: supplied by the source, or the mean over the user's imported posts.</summary>
    public required double AvgLikes { get; init; }
    public required double Followers { get; init; }
    public required double Following { get; init; }
    public required long PostTime { get; init; }
    public required long ScrapTime { get; init; }

    /// <summary>The regression target: log(likes / average likes).</summary>
    public double Label => Math.Log(Likes / AvgLikes);

    public double AgeSeconds => ScrapTime - PostTime;
}
