namespace BestShot.Core.Features;

/// <summary>
/// The metadata a scorer feeds at inference, where only the image is real (as in the seed). Presets describe kinds
/// of account; any field can be overridden. The post is taken as made `DaysAgo` days before "now", on a Wednesday
/// at 18:00 UTC, a typical posting time, so scores do not drift with the clock.
/// </summary>
public sealed record SimulatedMetadata(double AvgLikes = 250, double DaysAgo = 10, double Followers = 10_000, double Following = 1_000)
{
    /// <summary>The seed's defaults: 250 average likes, 10 days ago, 10,000 followers, 1,000 following.</summary>
    public static readonly SimulatedMetadata Seed = new();

    public static readonly IReadOnlyDictionary<string, SimulatedMetadata> Presets = new Dictionary<string, SimulatedMetadata>(
        StringComparer.OrdinalIgnoreCase
    )
    {
        ["seed"] = Seed,
        ["person"] = new()
        {
            AvgLikes = 60,
            Followers = 600,
            Following = 500,
        },
        ["creator"] = new()
        {
            AvgLikes = 2_500,
            Followers = 80_000,
            Following = 900,
        },
        ["brand"] = new()
        {
            AvgLikes = 8_000,
            Followers = 600_000,
            Following = 150,
        },
    };

    /// <summary>A preset by name (any case); null when there is none.</summary>
    public static SimulatedMetadata? Preset(string name) => Presets.TryGetValue(name, out var p) ? p : null;

    /// <summary>This account with any of its values overridden.</summary>
    public SimulatedMetadata With(double? avgLikes = null, double? followers = null, double? following = null, double? daysAgo = null) =>
        this with
        {
            AvgLikes = avgLikes ?? AvgLikes,
            Followers = followers ?? Followers,
            Following = following ?? Following,
            DaysAgo = daysAgo ?? DaysAgo,
        };

    /// <summary>Null when the values make sense; otherwise what is wrong, naming the rank options.</summary>
    public string? Problem() =>
        AvgLikes <= 0 || Followers < 0 || Following < 0 || DaysAgo < 0
            ? "--avg-likes must be positive; --followers, --following and --days-ago cannot be negative"
            : null;

    static readonly long PostTime = new DateTimeOffset(2024, 6, 5, 18, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(); // a Wednesday

    public PostMetadata ToPostMetadata() => new(AvgLikes, Followers, Following, PostTime, ScrapTime: PostTime + (long)(DaysAgo * 86400));

    public float[] Features() => MetadataFeatures.Compute(ToPostMetadata());
}
