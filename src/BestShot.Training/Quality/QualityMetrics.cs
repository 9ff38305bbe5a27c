using BestShot.Core.Data;
using BestShot.Core.Score;
using BestShot.Lab.Eval;
using BestShot.Lab.Synth;

namespace BestShot.Training.Quality;

/// <summary>
/// How a quality score does on held-out sources: within-photo accuracy (the original above its own copy) and
/// cross-photo AUC (originals above other photos' copies) on the fixed kinds at medium and high severity; Spearman
/// with the label on the random chains; and the clean originals' spread on the 0–100 scale (the share under 30 and
/// the 10th percentile), the one criterion here that reads real, undamaged photos.
/// </summary>
public sealed record QualityMetrics(
    double WithinMedium,
    double WithinHigh,
    double AucMedium,
    double AucHigh,
    double ChainSpearman,
    double CleanUnder30,
    double CleanP10,
    double NoiseWithinMedium,
    double MotionWithinMedium
)
{
    public static QualityMetrics Of(IReadOnlyList<QualityRow> rows, IReadOnlyList<double> scores)
    {
        var fixedKinds = rows.Select((r, i) => (Row: r, Score: scores[i])).Where(t => !t.Row.IsChain).ToList();
        var originals = fixedKinds.Where(t => t.Row.IsOriginal).ToDictionary(t => t.Row.Post.UserId, t => t.Score);
        (double Within, double Auc) At(int severity)
        {
            var copies = fixedKinds.Where(t => t.Row.Severity == severity && originals.ContainsKey(t.Row.Post.UserId)).ToList();
            double within = copies.Average(t => Credit(originals[t.Row.Post.UserId], t.Score));
            double auc = DegradationReport.CrossPhotoAuc(originals, [.. copies.Select(t => (t.Row.Post.UserId, t.Score))]);
            return (within, auc);
        }
        double WithinAt(DegradationKind kind, int severity)
        {
            var copies = fixedKinds.Where(t =>
                t.Row.Kind == kind && t.Row.Severity == severity && originals.ContainsKey(t.Row.Post.UserId)
            );
            return copies.Select(t => Credit(originals[t.Row.Post.UserId], t.Score)).DefaultIfEmpty(double.NaN).Average();
        }
        var (wm, am) = At(2);
        var (wh, ah) = At(3);

        var chains = rows.Select((r, i) => (Row: r, Score: scores[i])).Where(t => t.Row.IsChain).ToList();
        double spearman =
            chains.Count > 2 ? EvalFigures.Spearman([.. chains.Select(t => t.Score)], [.. chains.Select(t => t.Row.Target)]) : double.NaN;

        var clean = originals.Values.Order().ToList();
        var ruined = fixedKinds.Where(t => t.Row.Severity == 3).Select(t => t.Score).Order().ToList();
        var scale = new ScoreScale(clean[clean.Count / 2], ruined[ruined.Count / 2]);
        var points = clean.Select(scale.To100).ToList();
        return new QualityMetrics(
            wm,
            wh,
            am,
            ah,
            spearman,
            points.Count(p => p < 30) / (double)points.Count,
            points[points.Count / 10],
            WithinAt(DegradationKind.Noise, 2),
            WithinAt(DegradationKind.MotionBlur, 2)
        );
    }

    static double Credit(double original, double copy) =>
        original > copy ? 1
        : original == copy ? 0.5
        : 0;
}
