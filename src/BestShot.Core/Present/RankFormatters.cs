using System.Globalization;
using System.Text.Json;
using BestShot.Core.Data;
using BestShot.Core.Rank;
using nietras.SeparatedValues;
using Spectre.Console;

namespace BestShot.Core.Present;

// How `rank` prints its photos, best first: a table for people, JSON or CSV for scripts (cull's are in CullFormatters).

/// <summary>
/// A Spectre.Console table (rank, score 0–100 or raw for models without a scale, file) for people; paths under the current
/// folder are shown relative to it.
/// </summary>
public sealed class TableFormatter : IOutputFormatter<RankedPhoto>
{
    public void Write(IReadOnlyList<RankedPhoto> photos, TextWriter output)
    {
        var console = TableConsole.For(output);
        var table = new Table().AddColumns(
            new TableColumn("rank").RightAligned(),
            new TableColumn("score").RightAligned(),
            new TableColumn("file")
        );
        foreach (var x in photos)
            table.AddRow(
                x.Rank.ToString(CultureInfo.InvariantCulture),
                x.Score100 is double points
                    ? points.ToString("F0", CultureInfo.InvariantCulture)
                    : x.Score.ToString("F3", CultureInfo.InvariantCulture),
                Markup.Escape(SafeText.OneLine(Display(x.Path)))
            );
        console.Write(table);
    }

    /// <summary>A path relative to the current folder when it lies under it, otherwise as given.</summary>
    public static string Display(string path)
    {
        string rel = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return rel.StartsWith("..", StringComparison.Ordinal) ? path : rel;
    }
}

/// <summary>
/// `[{"path", "score", "raw_score", "rank"}, ...]` on one line, best first: for scripts and the web gallery. score is on
/// the model's 0–100 scale (the raw output for models without one).
/// </summary>
public sealed class JsonFormatter : IOutputFormatter<RankedPhoto>
{
    public void Write(IReadOnlyList<RankedPhoto> photos, TextWriter output) =>
        output.WriteLine(
            JsonSerializer.Serialize(
                photos.Select(x => new
                {
                    path = SafeText.PathText(x.Path),
                    score = x.Shown,
                    raw_score = x.Score,
                    rank = x.Rank,
                    reasons = x.Reasons ?? [],
                })
            )
        );
}

/// <summary>
/// `rank,score,raw_score,path,reasons` (reasons joined by "; ") with a header row (score 0–100, as in JsonFormatter),
/// written by Sep (paths with commas or quotes are escaped).
/// </summary>
public sealed class CsvFormatter : IOutputFormatter<RankedPhoto>
{
    public void Write(IReadOnlyList<RankedPhoto> photos, TextWriter output)
    {
        using var writer = Sep.New(',').Writer(o => o with { Escape = true }).To(output, leaveOpen: true);
        foreach (var x in photos)
        {
            using var row = writer.NewRow();
            row["rank"].Format(x.Rank);
            row["score"].Set(x.Shown.ToString("F6", CultureInfo.InvariantCulture));
            row["raw_score"].Set(x.Score.ToString("F6", CultureInfo.InvariantCulture));
            row["path"].Set(SafeText.PathText(x.Path));
            row["reasons"].Set(string.Join("; ", x.Reasons ?? []));
        }
    }
}
