using System.CommandLine;
using BestShot.Core.Facts;
using BestShot.Core.Features;
using BestShot.Core.Imaging;
using BestShot.Core.Rank;
using BestShot.Core.Score;

namespace BestShot.Cli.Commands;

/// <summary>How photos are scored, as `rank`, `cull` and `serve` were asked: which model, where, and what is kept.</summary>
public sealed record ScoringChoice(string? Model, bool Int8, bool Cuda, RankOptions Options);

/// <summary>
/// The scoring options, declared once and shared by `rank`, `cull` and `serve`: the model, its precision and device,
/// the photo-facts store, the batch size and the largest photo decoded.
/// </summary>
public sealed class ScoringOptions
{
    readonly Option<string?> model = new("--model", "-m")
    {
        Description = "A model written by `bestshot export` (default: the built-in model)",
    };
    readonly Option<string?> store = new("--store", "--cache")
    {
        Description =
            "Where photo facts (scores, embeddings, looks) are kept: a SQLite file, or postgres://USER@HOST/DB to share them "
            + $"between machines (default: $BESTSHOT_STORE, else {PhotoFactsStore.DefaultPath})",
    };
    readonly Option<bool> noCache = new("--no-cache") { Description = "Neither read nor write the photo-facts store" };
    readonly Option<string?> shard = new("--shard")
    {
        Description =
            "K/N: score only the photos whose content hash falls in shard K of N (from 0), reading the rest from a shared "
            + "--store; N workers score a library together",
    };
    readonly Option<string> device = DeviceOption();
    readonly Option<string> precision = PrecisionOption.Create();
    readonly Option<double> maxMegapixels = new("--max-megapixels")
    {
        Description = "Skip photos whose header claims more megapixels than this",
        DefaultValueFactory = _ => DecodeOptions.DefaultMaxPixels / 1e6,
    };
    readonly Option<int> batch = new("--batch-size")
    {
        Description = "Photos per inference batch",
        DefaultValueFactory = _ => new ScoreOptions().BatchSize,
    };

    static string? StoreFromEnvironment() => Environment.GetEnvironmentVariable("BESTSHOT_STORE") is { Length: > 0 } s ? s : null;

    static Option<string> DeviceOption()
    {
        var o = new Option<string>("--device")
        {
            Description = "cpu, or cuda (ONNX Runtime's CUDA provider, when installed)",
            DefaultValueFactory = _ => "cpu",
        };
        o.AcceptOnlyFromAmong("cpu", "cuda");
        return o;
    }

    /// <summary>The model option first (it heads a command's help), the rest after the command's own.</summary>
    public Option Model => model;

    /// <summary>Whether --shard was given (`serve` refuses it: it shows the whole library).</summary>
    public bool ShardGiven(ParseResult r) => r.GetValue(shard) != null;

    public IEnumerable<Option> Rest => [store, noCache, shard, device, precision, batch, maxMegapixels];

    /// <summary>The choice, or null and the problem (one line naming the option).</summary>
    public (ScoringChoice? Choice, string? Problem) Bind(ParseResult r, SimulatedMetadata metadata)
    {
        if (r.GetValue(maxMegapixels) <= 0)
            return (null, $"--max-megapixels must be positive, not {r.GetValue(maxMegapixels)}");
        Shard? part = null;
        if (r.GetValue(shard) is string text)
        {
            (part, var problem) = Shard.Parse(text);
            if (problem != null)
                return (null, problem);
            if (r.GetValue(noCache))
                return (null, "--shard needs the photo-facts store (the other shards' scores are read from it), not --no-cache");
        }
        var facts = new FactsSettings
        {
            Metadata = metadata,
            StorePath = r.GetValue(noCache) ? null : r.GetValue(store) ?? StoreFromEnvironment() ?? PhotoFactsStore.DefaultPath,
            Shard = part,
            Scoring = new ScoreOptions
            {
                BatchSize = Math.Max(1, r.GetValue(batch)),
                MaxPixels = (long)(r.GetValue(maxMegapixels) * 1e6),
            },
        };
        var options = new RankOptions { Facts = facts };
        return (new ScoringChoice(r.GetValue(model), r.GetValue(precision) == "int8", r.GetValue(device) == "cuda", options), null);
    }
}
