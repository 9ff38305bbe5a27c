using System.CommandLine;
using BestShot.Core.Features;

namespace BestShot.Cli.Commands;

/// <summary>
/// `rank`'s simulated account: the built-in model reads a post's metadata, so a ranked list's numbers depend on it.
/// It moves every photo of a folder alike and changes nothing a cull decides, so `cull` and `serve` do not offer it.
/// </summary>
public sealed class AccountOptions
{
    readonly Option<string> preset = new("--preset")
    {
        Description = $"Simulated account: {string.Join(", ", SimulatedMetadata.Presets.Keys)}",
        DefaultValueFactory = _ => "seed",
    };
    readonly Option<double?> avgLikes = new("--avg-likes") { Description = "Override the simulated average likes" };
    readonly Option<double?> followers = new("--followers") { Description = "Override the simulated follower count" };
    readonly Option<double?> following = new("--following") { Description = "Override the simulated following count" };
    readonly Option<double?> daysAgo = new("--days-ago") { Description = "Override the simulated post age in days" };

    public IEnumerable<Option> All => [preset, avgLikes, followers, following, daysAgo];

    /// <summary>The account, or null and the problem (one line naming the option).</summary>
    public (SimulatedMetadata? Account, string? Problem) Bind(ParseResult r)
    {
        string name = r.GetValue(preset)!;
        if (SimulatedMetadata.Preset(name) is not { } account)
            return (null, $"--preset '{name}' is unknown; choose one of {string.Join(", ", SimulatedMetadata.Presets.Keys)}");
        var metadata = account.With(r.GetValue(avgLikes), r.GetValue(followers), r.GetValue(following), r.GetValue(daysAgo));
        return metadata.Problem() is string problem ? (null, problem) : (metadata, null);
    }
}
