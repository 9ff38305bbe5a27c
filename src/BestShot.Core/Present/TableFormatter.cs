using System.Globalization;
using BestShot.Core.Data;
using BestShot.Core.Rank;
using Spectre.Console;

namespace BestShot.Core.Present;

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
