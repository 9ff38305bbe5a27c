namespace BestShot.Core.Features;

/// <summary>
/// The metadata a scorer feeds at inference, where only the image is real (as in the seed). Presets describe kinds
/// of account; any field can be overridden. The post is taken as made `DaysAgo` days before "now", on a Wednesday
/// at 18:00 UTC, a typical posting time, so scores do not drift with the clock.
/// </summary>
public sealed record SimulatedMetadata
{
    public double AvgLikes { get; init; } = 250;
    public double DaysAgo { get; init; } = 10;
    public double Followers { get; init; } = 10_000;
    public double Following { get; init; } = 1_000;

    /// <summary>The seed's defaults: 250 average likes, 10 days ago, 10,000 followers, 1,000 following.</summary>
    public static readonly SimulatedMetadata Seed = new();

    public static readonly IReadOnlyDictionary<string, SimulatedMetadata> Presets = new Dictionary<string, SimulatedMetadata>(StringComparer.OrdinalIgnoreCase)
    {
        ["seed"] = Seed,
        ["person"] = new() { AvgLikes = 60, Followers = 600, Following = 500 },
        ["creator"] = new() { AvgLikes = 2_500, Followers = 80_000, Following = 900 },
        ["brand"] = new() { AvgLikes = 8_000, Followers = 600_000, Following = 150 },
    };

    static readonly long PostTime = new DateTimeOffset(2024, 6, 5, 18, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(); // a Wednesday

    public PostMetadata ToPostMetadata() => new()
    {
        AvgLikes = AvgLikes, Followers = Followers, Following = Following,
        PostTime = PostTime, ScrapTime = PostTime + (long)(DaysAgo * 86400),
    };

    public float[] Features() => MetadataFeatures.Compute(ToPostMetadata());
}
