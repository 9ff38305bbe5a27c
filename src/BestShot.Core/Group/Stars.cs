namespace BestShot.Core.Group;

/// <summary>How `cull` turns verdicts into stars (README, "Ratings that sort").</summary>
public enum RatingScheme
{
    /// <summary>Relative to the shoot: 5★ is rare, a keeper never below a frame that was not kept.</summary>
    Shoot,

    /// <summary>From the 0–100 score alone, the same in every folder (≥ 75 five, ≥ 65 four, ≥ 50 three, ≥ 30 two).</summary>
    Absolute,
}

/// <summary>
/// Stars for each culled photo. By the shoot (default): the top tenth of the keepers by score get 5★ (at least one),
/// the next quarter 4★, every other keeper 3★; frames of a moment that were not kept 2★ at most (1★ when under
/// 30 on the 0–100 scale); rejects −1. So 5★ marks a shoot's few best moments, and sorting by stars never puts a
/// burst's spare frame above another moment's keeper. With the absolute scheme, a keeper is still never rated
/// below a spare frame of the same or lower score.
/// </summary>
public static class Stars
{
    public const int Reject = -1;

    public const double TopShare = 0.10,
        NextShare = 0.25;

    public static int Absolute(double score) =>
        score >= 75 ? 5
        : score >= 65 ? 4
        : score >= 50 ? 3
        : score >= 30 ? 2
        : 1;

    public static List<Moment> Rate(IReadOnlyList<Moment> moments, RatingScheme scheme)
    {
        var keepers = moments.SelectMany(m => m.Photos).Where(p => p.Keeper).OrderByDescending(p => p.Score).ToList();
        int top = keepers.Count == 0 ? 0 : Math.Max(1, (int)Math.Round(TopShare * keepers.Count)),
            next = (int)Math.Round(NextShare * keepers.Count);
        var rank = keepers.Select((p, i) => (p.Path, i)).ToDictionary(x => x.Path, x => x.i);
        int Of(CulledPhoto p) =>
            p.Reject ? Reject
            : scheme == RatingScheme.Absolute ? (p.Keeper ? Math.Max(Absolute(p.Score), 2) : Math.Min(Absolute(p.Score), 4))
            : !p.Keeper ? (p.Score < 30 ? 1 : 2)
            : rank[p.Path] < top ? 5
            : rank[p.Path] < top + next ? 4
            : 3;
        return moments.Select(m => m with { Photos = m.Photos.Select(p => p with { Stars = Of(p) }).ToList() }).ToList();
    }

    /// <summary>"5★ 3 · 4★ 8 · 3★ 21 · 2★ 40 · 1★ 2 · rejected 6": the spread a run summary shows.</summary>
    public static string Spread(IEnumerable<CulledPhoto> photos)
    {
        var counts = photos.GroupBy(p => p.Stars).ToDictionary(g => g.Key, g => g.Count());
        var parts = new[] { 5, 4, 3, 2, 1 }.Select(s => $"{s}★ {counts.GetValueOrDefault(s)}").ToList();
        parts.Add($"rejected {counts.GetValueOrDefault(Reject)}");
        return string.Join(" · ", parts);
    }
}
