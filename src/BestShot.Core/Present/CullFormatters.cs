using System.Globalization;
using System.Text.Json;
using BestShot.Core.Data;
using BestShot.Core.Group;
using nietras.SeparatedValues;
using Spectre.Console;

namespace BestShot.Core.Present;

/// <summary>How `cull` prints its moments: a table for people, JSON or CSV for scripts. Moments come best first.</summary>
public static class CullFormatters
{
    public static IOutputFormatter<Moment> For(OutputFormat format) =>
        format switch
        {
            OutputFormat.Json => new Formatter(Json),
            OutputFormat.Csv => new Formatter(Csv),
            _ => new Formatter(Table),
        };

    public static void Write(IReadOnlyList<Moment> moments, OutputFormat format, TextWriter output) => For(format).Write(moments, output);

    sealed class Formatter(Action<IReadOnlyList<Moment>, TextWriter> write) : IOutputFormatter<Moment>
    {
        public void Write(IReadOnlyList<Moment> items, TextWriter output) => write(items, output);
    }

    /// <summary>
    /// `[{"group", "kind", "grouped_by", "photos": [{"path", "score", "stars", "keeper", "reject", "why", "time",
    /// "time_source", "raw", "reasons"}]}]` on one line; "grouped_by" is "capture time", "near-duplicate" or "" (one
    /// frame); "raw" is the RAW file paired with a JPEG (null when none).
    /// </summary>
    static void Json(IReadOnlyList<Moment> moments, TextWriter output) =>
        output.WriteLine(
            JsonSerializer.Serialize(
                moments.Select(m => new
                {
                    group = m.Id,
                    kind = m.Kind,
                    grouped_by = m.Rule,
                    photos = m.Photos.Select(p => new
                    {
                        path = SafeText.PathText(p.Path),
                        score = p.Score,
                        stars = p.Stars,
                        keeper = p.Keeper,
                        reject = p.Reject,
                        why = p.Why,
                        time = p.Capture.Time,
                        time_source = p.Capture.TimeSource,
                        raw = p.Raw,
                        reasons = p.Reasons ?? [],
                    }),
                })
            )
        );

    static void Csv(IReadOnlyList<Moment> moments, TextWriter output)
    {
        using var writer = Sep.New(',').Writer(o => o with { Escape = true }).To(output, leaveOpen: true);
        foreach (var m in moments)
        foreach (var p in m.Photos)
        {
            using var row = writer.NewRow();
            row["group"].Set(m.Id);
            row["kind"].Set(m.Kind);
            row["path"].Set(SafeText.PathText(p.Path));
            row["score"].Set(p.Score.ToString("F3", CultureInfo.InvariantCulture));
            row["keeper"].Set(p.Keeper ? "true" : "false");
            row["reject"].Set(p.Reject ? "true" : "false");
            row["why"].Set(p.Why ?? "");
            row["raw"].Set(p.Raw ?? "");
            row["reasons"].Set(string.Join("; ", p.Reasons ?? []));
            // Added after the first release's columns, so scripts reading them by position still work.
            row["stars"].Set(p.Stars.ToString(CultureInfo.InvariantCulture));
            row["grouped_by"].Set(m.Rule);
        }
    }

    /// <summary>One row per moment: its kind, frame count, keepers, best score and the rejects with their reason.</summary>
    static void Table(IReadOnlyList<Moment> moments, TextWriter output)
    {
        var console = TableConsole.For(output);
        var table = new Table().AddColumns(
            new TableColumn("group"),
            new TableColumn("kind"),
            new TableColumn("grouped by"),
            new TableColumn("frames").RightAligned(),
            new TableColumn("keeper"),
            new TableColumn("score").RightAligned(),
            new TableColumn("rejects")
        );
        var ci = CultureInfo.InvariantCulture;
        foreach (var m in moments)
        {
            var keepers = m.Photos.Where(p => p.Keeper).ToList();
            var rejects = m.Photos.Where(p => p.Reject).ToList();
            table.AddRow(
                m.Id,
                m.Kind,
                m.Rule,
                m.Photos.Count.ToString(ci),
                Markup.Escape(SafeText.OneLine(string.Join(", ", keepers.Select(p => TableFormatter.Display(p.Path))))),
                m.Best.Score.ToString("F0", ci),
                Markup.Escape(
                    SafeText.OneLine(
                        rejects.Count == 0 ? "" : string.Join(", ", rejects.Select(p => $"{Path.GetFileName(p.Path)} ({p.Why})"))
                    )
                )
            );
        }
        console.Write(table);
    }
}
