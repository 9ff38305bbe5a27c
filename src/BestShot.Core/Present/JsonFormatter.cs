using System.Text.Json;
using BestShot.Core.Rank;

namespace BestShot.Core.Present;

/// <summary>`[{"path", "score", "rank"}, ...]` on one line, best first: for scripts and the web gallery.</summary>
public sealed class JsonFormatter : IOutputFormatter
{
    public void Write(IReadOnlyList<RankedPhoto> photos, TextWriter output) =>
        output.WriteLine(
            JsonSerializer.Serialize(
                photos.Select(x => new
                {
                    path = x.Path,
                    score = x.Score,
                    rank = x.Rank,
                })
            )
        );
}
