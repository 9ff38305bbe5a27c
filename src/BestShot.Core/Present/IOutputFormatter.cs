using BestShot.Core.Rank;

namespace BestShot.Core.Present;

/// <summary>How a list of ranked photos is printed; one formatter per format, shared by every command that lists photos.</summary>
public interface IOutputFormatter
{
    void Write(IReadOnlyList<RankedPhoto> photos, TextWriter output);
}

public enum OutputFormat
{
    Table,
    Json,
    Csv,
}

public static class OutputFormatters
{
    public static IOutputFormatter For(OutputFormat format) =>
        format switch
        {
            OutputFormat.Json => new JsonFormatter(),
            OutputFormat.Csv => new CsvFormatter(),
            _ => new TableFormatter(),
        };
}
