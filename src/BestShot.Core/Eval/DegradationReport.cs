using BestShot.Core.Data;
using BestShot.Core.Synth;

namespace BestShot.Core.Eval;

public sealed record DegradationRow(DegradationKind Kind, int Severity, int Pairs, double OriginalWins, double MeanScoreDrop);

/// <summary>
/// On a `synth degradations` dataset: for each kind and severity, the share of (original, degraded) pairs of the
/// same photo where the original scores higher, and how far the degraded copy's score falls on average.
/// </summary>
public sealed record DegradationReport(IReadOnlyList<DegradationRow> Rows)
{
    /// <summary>The report, or null when the posts are not from `synth degradations` (no original/degraded pairs).</summary>
    public static DegradationReport? Compute(IReadOnlyList<Post> posts, IReadOnlyDictionary<string, double> scores)
    {
        var originals = posts
            .Where(p => p.PostId.EndsWith("__original", StringComparison.Ordinal) && scores.ContainsKey(p.PostId))
            .ToDictionary(p => p.UserId, p => scores[p.PostId]);
        var rows = posts
            .Select(p => (Post: p, Parsed: DegradationsSynth.Parse(p.PostId)))
            .Where(x => x.Parsed != null && scores.ContainsKey(x.Post.PostId) && originals.ContainsKey(x.Post.UserId))
            .GroupBy(x => x.Parsed!.Value)
            .OrderBy(g => g.Key.Kind)
            .ThenBy(g => g.Key.Severity)
            .Select(g =>
            {
                var drops = g.Select(x => originals[x.Post.UserId] - scores[x.Post.PostId]).ToList();
                return new DegradationRow(
                    g.Key.Kind,
                    g.Key.Severity,
                    drops.Count,
                    drops.Count(d => d > 0) / (double)drops.Count,
                    drops.Average()
                );
            })
            .ToList();
        return rows.Count == 0 ? null : new DegradationReport(rows);
    }

    /// <summary>Kinds whose mean score does not fall with every step of severity.</summary>
    public IEnumerable<DegradationKind> NotMonotonic() =>
        Rows.GroupBy(r => r.Kind)
            .Where(g =>
            {
                var drops = g.OrderBy(r => r.Severity).Select(r => r.MeanScoreDrop).ToList();
                return drops.Zip(drops.Skip(1)).Any(p => p.Second <= p.First) || drops[0] <= 0;
            })
            .Select(g => g.Key);
}
