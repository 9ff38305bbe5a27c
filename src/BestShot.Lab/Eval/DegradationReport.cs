using BestShot.Core.Data;
using BestShot.Lab.Synth;

namespace BestShot.Lab.Eval;

/// <param name="OriginalWins">Within one photo: the share of (original, spoiled copy) pairs where the original scores higher.</param>
/// <param name="CrossPhotoAuc">
/// Across photos: the chance that a clean original outscores a spoiled copy of a *different* photo (ties count ½),
/// over every such pair. This is what ranking a folder of different scenes needs: one scale for all photos.
/// </param>
public sealed record DegradationRow(
    DegradationKind Kind,
    int Severity,
    int Pairs,
    double OriginalWins,
    double MeanScoreDrop,
    double CrossPhotoAuc
);

/// <summary>
/// On a `synth degradations` dataset: for each kind and severity, the share of (original, degraded) pairs of the
/// same photo where the original scores higher, how far the degraded copy's score falls on average, and the
/// cross-photo AUC.
/// </summary>
public sealed record DegradationReport(IReadOnlyList<DegradationRow> Rows)
{
    /// <summary>The kinds the acceptance figures single out: what a photographer calls technical faults.</summary>
    public static readonly IReadOnlySet<DegradationKind> TechnicalKinds = MagickDamage.Kinds.ToHashSet();

    /// <summary>The headline figures in one line: within-photo accuracy and cross-photo AUC, all kinds and technical ones.</summary>
    public string Headline()
    {
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        var (med, high) = (AtSeverity(2), AtSeverity(3));
        var (techMed, techHigh) = (AtSeverity(2, TechnicalKinds), AtSeverity(3, TechnicalKinds));
        double worstMedium = Rows.Where(r => r.Severity == 2).Select(r => r.OriginalWins).DefaultIfEmpty(double.NaN).Min();
        return string.Create(
            ci,
            $"within medium/high {med.OriginalWins:P1}/{high.OriginalWins:P1} (worst kind at medium {worstMedium:P1}); "
                + $"across medium/high {med.CrossPhotoAuc:F3}/{high.CrossPhotoAuc:F3}; "
                + $"technical across medium/high {techMed.CrossPhotoAuc:F3}/{techHigh.CrossPhotoAuc:F3}"
        );
    }

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
                var copies = g.Select(x => (x.Post.UserId, Score: scores[x.Post.PostId])).ToList();
                return new DegradationRow(
                    g.Key.Kind,
                    g.Key.Severity,
                    drops.Count,
                    drops.Count(d => d > 0) / (double)drops.Count,
                    drops.Average(),
                    CrossPhotoAuc(originals, copies)
                );
            })
            .ToList();
        return rows.Count == 0 ? null : new DegradationReport(rows);
    }

    /// <summary>P(original of photo u scores above a copy of photo v), u ≠ v, ties ½; NaN without such a pair.</summary>
    public static double CrossPhotoAuc(IReadOnlyDictionary<string, double> originals, IReadOnlyList<(string User, double Score)> copies)
    {
        double credit = 0;
        long pairs = 0;
        foreach (var (user, original) in originals)
        foreach (var copy in copies)
        {
            if (copy.User == user)
                continue;
            credit +=
                original > copy.Score ? 1
                : original == copy.Score ? 0.5
                : 0;
            pairs++;
        }
        return pairs == 0 ? double.NaN : credit / pairs;
    }

    /// <summary>Over all kinds at one severity: mean within-photo accuracy and mean cross-photo AUC (kinds weigh equally).</summary>
    public (double OriginalWins, double CrossPhotoAuc) AtSeverity(int severity, IReadOnlySet<DegradationKind>? kinds = null)
    {
        var rows = Rows.Where(r => r.Severity == severity && (kinds == null || kinds.Contains(r.Kind))).ToList();
        return rows.Count == 0 ? (double.NaN, double.NaN) : (rows.Average(r => r.OriginalWins), rows.Average(r => r.CrossPhotoAuc));
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
