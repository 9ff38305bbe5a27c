using System.CommandLine;
using BestShot.Core.Facts;
using BestShot.Core.Features;
using BestShot.Core.Imaging;
using BestShot.Core.Present;
using BestShot.Core.Rank;
using BestShot.Core.Score;

namespace BestShot.Cli.Commands;

/// <summary>Everything `rank` was asked, parsed and checked.</summary>
public sealed record RankArguments
{
    public required IReadOnlyList<string> Paths { get; init; }

    /// <summary>An exported model or head file; null: the built-in model.</summary>
    public string? Model { get; init; }
    public bool Int8 { get; init; } = true;
    public bool Cuda { get; init; }
    public int? Top { get; init; }
    public OutputFormat Format { get; init; }
    public string? Html { get; init; }

    /// <summary>One photo per moment (cull's grouping), so --top N gives the N best moments.</summary>
    public bool Distinct { get; init; }
    public required RankOptions Options { get; init; }
}

/// <summary>
/// rank's options, added to a command and read back as one <see cref="RankArguments"/> (or the problem with them).
/// `cull` shares them without --top and --html, which mean other things for moments.
/// </summary>
public sealed class RankOptionsBinder(bool listOptions = true)
{
    readonly Argument<string[]> paths = new("paths")
    {
        Description = "Photos or folders (searched recursively)",
        Arity = ArgumentArity.OneOrMore,
    };
    readonly ScoringOptions scoring = new();
    readonly Option<int?> top = new("--top", "-n") { Description = "Show only the best N" };
    readonly Option<bool> json = new("--json")
    {
        Description = "Print a JSON array of {path, score, raw_score, rank, reasons}, best first",
    };
    readonly Option<bool> csv = new("--csv") { Description = "Print CSV: rank,score,raw_score,path,reasons" };
    readonly Option<string?> html = new("--html") { Description = "Also write a self-contained HTML contact sheet to this file" };
    readonly Option<bool> distinct = new("--distinct")
    {
        Description = "One photo per moment (bursts grouped as `cull` does): --top N lists the N best moments",
    };
    readonly Option<string> preset = new("--preset")
    {
        Description = $"Simulated account: {string.Join(", ", SimulatedMetadata.Presets.Keys)}",
        DefaultValueFactory = _ => "seed",
    };
    readonly Option<double?> avgLikes = new("--avg-likes") { Description = "Override the simulated average likes" };
    readonly Option<double?> followers = new("--followers") { Description = "Override the simulated follower count" };
    readonly Option<double?> following = new("--following") { Description = "Override the simulated following count" };
    readonly Option<double?> daysAgo = new("--days-ago") { Description = "Override the simulated post age in days" };

    public void AddTo(Command command)
    {
        command.Arguments.Add(paths);
        if (!listOptions)
        {
            json.Description =
                "Print a JSON array of moments, best first: {group, kind, grouped_by, photos: [{path, score, stars, keeper, "
                + "reject, why, time, time_source, raw, reasons}]}";
            csv.Description = "Print CSV: group,kind,path,score,keeper,reject,why,raw,reasons,stars,grouped_by";
        }
        foreach (
            Option o in new Option?[]
            {
                scoring.Model,
                listOptions ? top : null,
                json,
                csv,
                listOptions ? html : null,
                listOptions ? distinct : null,
                // The simulated account moves every photo of a folder alike: it changes a ranked list's numbers, and
                // nothing a cull decides, so cull does not offer it.
                listOptions ? preset : null,
                listOptions ? avgLikes : null,
                listOptions ? followers : null,
                listOptions ? following : null,
                listOptions ? daysAgo : null,
            }
                .OfType<Option>()
                .Concat(scoring.Rest)
        )
            command.Options.Add(o);
    }

    /// <summary>The arguments, or null and the problem (one line naming the option).</summary>
    public (RankArguments? Arguments, string? Problem) Bind(ParseResult r)
    {
        string presetName = listOptions ? r.GetValue(preset)! : "seed";
        if (SimulatedMetadata.Preset(presetName) is not { } account)
            return (null, $"--preset '{presetName}' is unknown; choose one of {string.Join(", ", SimulatedMetadata.Presets.Keys)}");
        var metadata = listOptions
            ? account.With(r.GetValue(avgLikes), r.GetValue(followers), r.GetValue(following), r.GetValue(daysAgo))
            : account;
        if (metadata.Problem() is string problem)
            return (null, problem);
        var (choice, scoringProblem) = scoring.Bind(r, metadata);
        if (choice == null)
            return (null, scoringProblem);
        if (r.GetValue(top) is int n && n < 1)
            return (null, $"--top must be at least 1, not {n}");
        if (r.GetValue(json) && r.GetValue(csv))
            return (null, "--json and --csv both asked for; choose one output format");
        // A path argument takes any token, so a mistyped option would be read as a file that does not exist.
        if (r.GetValue(paths)!.FirstOrDefault(p => p.StartsWith('-') && !Path.Exists(p)) is string unknown)
            return (null, $"unknown option '{unknown}' (to name a file that starts with '-', write ./{unknown})");
        return (
            new RankArguments
            {
                Paths = r.GetValue(paths)!,
                Model = choice.Model,
                Int8 = choice.Int8,
                Cuda = choice.Cuda,
                Top = r.GetValue(top),
                Format =
                    r.GetValue(json) ? OutputFormat.Json
                    : r.GetValue(csv) ? OutputFormat.Csv
                    : OutputFormat.Table,
                Html = r.GetValue(html),
                Distinct = listOptions && r.GetValue(distinct),
                Options = choice.Options,
            },
            null
        );
    }
}
