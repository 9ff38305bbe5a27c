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
    public static void Write(IReadOnlyList<Moment> moments, OutputFormat format, TextWriter output)
    {
        switch (format)
        {
            case OutputFormat.Json:
                Json(moments, output);
                break;
            case OutputFormat.Csv:
                Csv(moments, output);
                break;
            default:
                Table(moments, output);
                break;
        }
    }

    /// <summary>
    /// `[{"group", "kind", "photos": [{"path", "score", "keeper", "reject", "why", "raw"}]}]` on one line; "raw" is the
    /// RAW file paired with a JPEG (null when none).
    /// </summary>
    static void Json(IReadOnlyList<Moment> moments, TextWriter output) =>
        output.WriteLine(
            JsonSerializer.Serialize(
                moments.Select(m => new
                {
                    group = m.Id,
                    kind = m.Kind,
                    photos = m.Photos.Select(p => new
                    {
                        path = p.Path,
                        score = p.Score,
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
            row["path"].Set(p.Path);
            row["score"].Set(p.Score.ToString("F3", CultureInfo.InvariantCulture));
            row["keeper"].Set(p.Keeper ? "true" : "false");
            row["reject"].Set(p.Reject ? "true" : "false");
            row["why"].Set(p.Why ?? "");
            row["raw"].Set(p.Raw ?? "");
            row["reasons"].Set(string.Join("; ", p.Reasons ?? []));
        }
    }

    /// <summary>One row per moment: its kind, frame count, keepers, best score and the rejects with their reason.</summary>
    static void Table(IReadOnlyList<Moment> moments, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        var table = new Table().AddColumns(
            new TableColumn("group"),
            new TableColumn("kind"),
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
