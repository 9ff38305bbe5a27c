using System.Text.Json;
using System.Text.Json.Serialization;
using BestShot.Core.Filter;

namespace BestShot.Core.Data;

/// <summary>The posts a split gives: what the filters kept, the training and validation users' posts, and the pairs.</summary>
public sealed record SplitResult(
    FilterResult Filter,
    IReadOnlyList<Post> Train,
    IReadOnlyList<Post> Validation,
    IReadOnlyList<PostPair> Pairs
)
{
    public int ScoredPairs => Pairs.Count(p => !p.IsTie);
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
    public FilterOptions Filters { get; init; } = new();

    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
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

    /// <summary>Filters, splits by user and pairs the validation posts, as training and eval both must.</summary>
    public SplitResult Apply(IReadOnlyList<Post> posts)
    {
        var filter = SeedFilter.Apply(posts, Filters);
        var split = SplitAndPairs.SplitByUser(filter.Kept, Seed, TrainFraction);
        return new SplitResult(filter, split.Train, split.Validation, SplitAndPairs.Pairs(split.Validation, Seed));
    }
}
