using System.Globalization;
using BestShot.Core.Data;
using BestShot.Core.Rank;
using nietras.SeparatedValues;

namespace BestShot.Core.Present;

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
