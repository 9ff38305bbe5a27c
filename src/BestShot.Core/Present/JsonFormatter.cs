using System.Text.Json;
using BestShot.Core.Data;
using BestShot.Core.Rank;

namespace BestShot.Core.Present;

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
