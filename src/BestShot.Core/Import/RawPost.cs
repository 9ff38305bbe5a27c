namespace BestShot.Core.Import;

/// <summary>A post as a source describes it, before validation. Null means the source did not give the field.</summary>
public sealed record RawPost
{
    /// <summary>Where it came from, for messages: "posts.csv:12" or a metadata file.</summary>
    public required string Where { get; init; }
    public string? PostId { get; init; }
    public string? UserId { get; init; }
    public string? ImagePath { get; init; }
    public double? Likes { get; init; }
    public double? AvgLikes { get; init; }
    public double? Followers { get; init; }
    public double? Following { get; init; }
    public long? PostTime { get; init; }
    public long? ScrapTime { get; init; }

    /// <summary>Set when a field was present but could not be parsed; the row is then skipped with this reason.</summary>
    public string? ParseError { get; init; }
}
