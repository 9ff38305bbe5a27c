using System.Text.Json;
using System.Text.Json.Serialization;
using BestShot.Core.Data;

namespace BestShot.Core.Filter;

/// <summary>The posts a split gives: what the filters kept, the training and validation users' posts, and the pairs.</summary>
public sealed record SplitResult(
    FilterResult Filter,
    IReadOnlyList<Post> Train,
    IReadOnlyList<Post> Validation,
    IReadOnlyList<PostPair> Pairs,
    SplitMode Mode = SplitMode.User
)
{
    public int ScoredPairs => Pairs.Count(p => !p.IsTie);
}

/// <summary>How posts are divided into training and validation.</summary>
public enum SplitMode
{
    /// <summary>By time when the data has a single user (one profile, one photographer), else by user.</summary>
    Auto,

    /// <summary>The seed's: 80 % of users train, the others validate; a model is judged on people it has not seen.</summary>
    User,

    /// <summary>Within each user, older posts train and newer ones validate; a model is judged on what comes next.</summary>
    Time,
}

/// <summary>
/// What training and evaluation must agree on to see the same validation posts: the filters, the split seed and the
/// train fraction. Training saves it in every exported model under one key, and eval reads it back as this same
/// record, so a property renamed here is renamed on both sides, and an unknown property is an error, not a default.
/// </summary>
public sealed record SplitOptions
{
    /// <summary>The exported model's metadata key.</summary>
    public const string MetadataKey = "bestshot.split";

    public int Seed { get; init; }
    public double TrainFraction { get; init; } = 0.8;
    public SplitMode Mode { get; init; } = SplitMode.Auto;
    public FilterOptions Filters { get; init; } = new();

    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static SplitOptions FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<SplitOptions>(json, Json) ?? throw new InvalidDataException("empty split");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"unreadable split record ({e.Message.Split('\n')[0]})");
        }
    }

    /// <summary>The split an exported model was trained with; null for a model that does not say.</summary>
    public static SplitOptions? FromModel(IReadOnlyDictionary<string, string> metadata)
    {
        if (metadata.TryGetValue(MetadataKey, out var json))
            return FromJson(json);
        // Models exported before this record existed kept the split inside the whole training config.
        if (!metadata.TryGetValue("bestshot.train_config", out var config))
            return null;
        var legacy = JsonSerializer.Deserialize<LegacyConfig>(
            config,
            new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }
        );
        return legacy == null
            ? null
            : new SplitOptions
            {
                Seed = legacy.Seed,
                TrainFraction = legacy.TrainFraction ?? 0.8,
                Filters = legacy.Filters ?? new(),
            };
    }

    sealed record LegacyConfig(int Seed, double? TrainFraction, FilterOptions? Filters);

    /// <summary>The split that applies to these (filtered) posts: <see cref="Mode"/>, with Auto resolved.</summary>
    public SplitMode Resolve(IReadOnlyList<Post> kept) =>
        Mode != SplitMode.Auto ? Mode
        : kept.Select(p => p.UserId).Distinct().Take(2).Count() == 1 ? SplitMode.Time
        : SplitMode.User;

    /// <summary>Filters, splits (by user or by time) and pairs the validation posts, as training and eval both must.</summary>
    public SplitResult Apply(IReadOnlyList<Post> posts)
    {
        var filter = SeedFilter.Apply(posts, Filters);
        var mode = Resolve(filter.Kept);
        var split =
            mode == SplitMode.Time
                ? SplitAndPairs.SplitByTime(filter.Kept, TrainFraction)
                : SplitAndPairs.SplitByUser(filter.Kept, Seed, TrainFraction);
        return new SplitResult(filter, split.Train, split.Validation, SplitAndPairs.Pairs(split.Validation, Seed), mode);
    }

    /// <summary>One line saying which split applies and why, for `stats` and `train`.</summary>
    public string Describe(SplitMode resolved)
    {
        string share = (1 - TrainFraction).ToString("P0", System.Globalization.CultureInfo.InvariantCulture);
        return resolved == SplitMode.Time
            ? $"split by time within each user: older posts train, the newest {share} validate"
                + (Mode == SplitMode.Auto ? " (one user in the data)" : "")
            : $"split by user: {TrainFraction:P0} of users train, the others validate (the seed's)";
    }
}
