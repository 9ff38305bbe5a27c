using System.Globalization;

namespace BestShot.Core.Group;

/// <summary>Keepers and rejects: what `cull` decides in each moment.</summary>
public sealed record CullOptions
{
    public GroupOptions Grouping { get; init; } = new();

    /// <summary>The best N frames of each moment are keepers.</summary>
    public int Keep { get; init; } = 1;

    /// <summary>Reject rule, part 1: a frame this many points (0–100 scale) below its moment's best.</summary>
    public double RejectBelowBest { get; init; } = 25;

    /// <summary>Reject rule, part 2: a frame below this score, whatever its moment (a ruined photo scores about 10).</summary>
    public double RejectUnder { get; init; } = 20;

    public string? Problem() =>
        Keep < 1 ? "--keep must be at least 1"
        : RejectBelowBest < 0 || RejectUnder < 0 ? "--reject-gap and --reject-under must be at least 0"
        : Grouping.Problem();
}

public sealed record CulledPhoto(string Path, double Score, bool Keeper, bool Reject, string? Why, CaptureInfo Capture);

/// <param name="Kind">"burst" (two or more frames) or "single".</param>
public sealed record Moment(string Id, string Kind, IReadOnlyList<CulledPhoto> Photos)
{
    public CulledPhoto Best => Photos[0];
}

/// <summary>
/// Groups scored frames into moments (<see cref="MomentGrouper"/>), orders each moment best first, keeps the best
/// <see cref="CullOptions.Keep"/>, and marks as rejects the frames that are clearly spoiled next to the best: far
/// below it on the score scale, or ruined outright. Rejects need the model's 0–100 scale; with raw scores none are
/// marked. Moments come best first (by their best frame), numbered g0001, g0002, ...
/// </summary>
public static class Culler
{
    public static List<Moment> Cull(IReadOnlyList<Frame> frames, CullOptions options, bool onScale)
    {
        var moments = MomentGrouper
            .Group(frames, options.Grouping)
            .Select(m => m.OrderByDescending(f => f.Score).ThenBy(f => f.Path, StringComparer.Ordinal).ToList())
            .OrderByDescending(m => m[0].Score)
            .ThenBy(m => m[0].Path, StringComparer.Ordinal)
            .ToList();
        var result = new List<Moment>(moments.Count);
        for (int g = 0; g < moments.Count; g++)
        {
            var m = moments[g];
            double best = m[0].Score;
            var photos = m.Select(
                    (f, i) =>
                    {
                        bool keeper = i < options.Keep;
                        string? why =
                            keeper || !onScale ? null
                            : f.Score < options.RejectUnder
                                ? string.Create(CultureInfo.InvariantCulture, $"score {f.Score:F0} < {options.RejectUnder:F0}")
                            : f.Score < best - options.RejectBelowBest
                                ? string.Create(CultureInfo.InvariantCulture, $"{best - f.Score:F0} points below the best frame")
                            : null;
                        return new CulledPhoto(f.Path, f.Score, keeper, why != null, why, f.Capture);
                    }
                )
                .ToList();
            result.Add(new Moment($"g{g + 1:D4}", m.Count > 1 ? "burst" : "single", photos));
        }
        return result;
    }
}
