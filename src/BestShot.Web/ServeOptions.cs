namespace BestShot.Web;

/// <summary>What `bestshot serve` serves and how. Machine settings (host, port) sit apart from culling's options.</summary>
public sealed record ServeOptions
{
    public required IReadOnlyList<string> Roots { get; init; }

    /// <summary>Loopback by default: the gallery reads and writes next to the user's photos.</summary>
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 8080;

    /// <summary>Required on a non-loopback host: every request must carry it (cookie, or ?token= once).</summary>
    public string? Token { get; init; }

    /// <summary>Model to score with (null: the built-in one).</summary>
    public string? Model { get; init; }

    /// <summary>Score cache (null: none, everything is scored again).</summary>
    public string? ScoreCachePath { get; init; }

    /// <summary>The int8 backbone (default) or fp32, and ONNX Runtime's CUDA provider: as `rank --precision --device`.</summary>
    public bool Int8 { get; init; } = true;
    public bool Cuda { get; init; }

    /// <summary>Batch size and the largest photo decoded, as `rank --batch-size --max-megapixels`.</summary>
    public Core.Score.ScoreOptions Scoring { get; init; } = new();

    /// <summary>Where thumbnails are kept, by content hash.</summary>
    public required string ThumbnailFolder { get; init; }

    public Core.Group.CullOptions Cull { get; init; } = new();

    public Core.Present.XmpOptions Xmp { get; init; } = new();

    /// <summary>Photos scored per step of the background scan; each step publishes the moments found so far.</summary>
    public int ScanChunk { get; init; } = 48;

    public bool IsLoopback => Host is "127.0.0.1" or "localhost" or "::1" or "[::1]";
}
