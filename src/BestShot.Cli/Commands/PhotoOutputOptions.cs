using System.CommandLine;
using BestShot.Core.Present;

namespace BestShot.Cli.Commands;

/// <summary>
/// The photos a command reads and the format it prints, shared by `rank` and `cull`: each names its own JSON and CSV
/// fields, since a ranked list and a list of moments are different records.
/// </summary>
public sealed class PhotoOutputOptions(string jsonFields, string csvFields)
{
    readonly Argument<string[]> paths = new("paths")
    {
        Description = "Photos or folders (searched recursively)",
        Arity = ArgumentArity.OneOrMore,
    };
    readonly Option<bool> json = new("--json") { Description = $"Print a JSON array of {jsonFields}" };
    readonly Option<bool> csv = new("--csv") { Description = $"Print CSV: {csvFields}" };

    public Argument Paths => paths;

    public IEnumerable<Option> Formats => [json, csv];

    /// <summary>The paths and the format, or the problem (one line naming the option).</summary>
    public (IReadOnlyList<string> Paths, OutputFormat Format, string? Problem) Bind(ParseResult r)
    {
        var given = r.GetValue(paths)!;
        var format =
            r.GetValue(json) ? OutputFormat.Json
            : r.GetValue(csv) ? OutputFormat.Csv
            : OutputFormat.Table;
        if (r.GetValue(json) && r.GetValue(csv))
            return (given, format, "--json and --csv both asked for; choose one output format");
        // A path argument takes any token, so a mistyped option would be read as a file that does not exist.
        if (given.FirstOrDefault(p => p.StartsWith('-') && !Path.Exists(p)) is string unknown)
            return (given, format, $"unknown option '{unknown}' (to name a file that starts with '-', write ./{unknown})");
        return (given, format, null);
    }
}
