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

    /// <summary>The photos, the format and the scoring choice; the list's own options left at their defaults.</summary>
    public static RankArguments Of(IReadOnlyList<string> paths, OutputFormat format, ScoringChoice choice) =>
        new()
        {
            Paths = paths,
            Model = choice.Model,
            Int8 = choice.Int8,
            Cuda = choice.Cuda,
            Format = format,
            Options = choice.Options,
        };
}

/// <summary>rank's options, added to a command and read back as one <see cref="RankArguments"/> (or the problem with them).</summary>
public sealed class RankOptionsBinder
{
    readonly PhotoOutputOptions output = new("{path, score, raw_score, rank, reasons}, best first", "rank,score,raw_score,path,reasons");
    readonly ScoringOptions scoring = new();
    readonly AccountOptions account = new();
    readonly Option<int?> top = new("--top", "-n") { Description = "Show only the best N" };
    readonly Option<string?> html = new("--html") { Description = "Also write a self-contained HTML contact sheet to this file" };
    readonly Option<bool> distinct = new("--distinct")
    {
        Description = "One photo per moment (bursts grouped as `cull` does): --top N lists the N best moments",
    };

    public void AddTo(Command command)
    {
        command.Arguments.Add(output.Paths);
        foreach (
            var o in new[] { scoring.Model, top }.Concat(output.Formats).Concat([html, distinct]).Concat(account.All).Concat(scoring.Rest)
        )
            command.Options.Add(o);
    }

    /// <summary>The arguments, or null and the problem (one line naming the option).</summary>
    public (RankArguments? Arguments, string? Problem) Bind(ParseResult r)
    {
        var (metadata, accountProblem) = account.Bind(r);
        if (metadata == null)
            return (null, accountProblem);
        var (choice, scoringProblem) = scoring.Bind(r, metadata);
        if (choice == null)
            return (null, scoringProblem);
        if (r.GetValue(top) is int n && n < 1)
            return (null, $"--top must be at least 1, not {n}");
        var (paths, format, outputProblem) = output.Bind(r);
        if (outputProblem != null)
            return (null, outputProblem);
        var arguments = RankArguments.Of(paths, format, choice) with
        {
            Top = r.GetValue(top),
            Html = r.GetValue(html),
            Distinct = r.GetValue(distinct),
        };
        return (arguments, null);
    }
}
