using BestShot.Core.Rank;

namespace BestShot.Core.Present;

/// <summary>
/// How a command's result is printed: a table for people, JSON or CSV for scripts. One formatter per format and kind
/// of result: ranked photos (`rank`) or moments (`cull`, <see cref="CullFormatters"/>).
/// </summary>
public interface IOutputFormatter<in T>
{
    void Write(IReadOnlyList<T> items, TextWriter output);
}

public enum OutputFormat
{
    Table,
    Json,
    Csv,
}

public static class OutputFormatters
{
    public static IOutputFormatter<RankedPhoto> For(OutputFormat format) =>
        format switch
        {
            OutputFormat.Json => new JsonFormatter(),
            OutputFormat.Csv => new CsvFormatter(),
            _ => new TableFormatter(),
        };
}
