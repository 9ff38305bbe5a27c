using BestShot.Core.Data;
using BestShot.Core.Features;
using BestShot.Core.Score;

namespace BestShot.Lab.Eval;

/// <summary>A pairwise accuracy with its 95 % Wilson interval (the interval for a proportion that stays inside 0–1).</summary>
public sealed record AccuracyInterval(double Accuracy, int Pairs, double Low, double High)
{
    public static AccuracyInterval Of(double accuracy, int pairs)
    {
        if (pairs == 0 || double.IsNaN(accuracy))
            return new AccuracyInterval(accuracy, pairs, double.NaN, double.NaN);
        const double z = 1.96;
        double n = pairs,
            centre = (accuracy + z * z / (2 * n)) / (1 + z * z / n),
            half = z * Math.Sqrt(accuracy * (1 - accuracy) / n + z * z / (4 * n * n)) / (1 + z * z / n);
        return new AccuracyInterval(accuracy, pairs, centre - half, centre + half);
    }

    public override string ToString() =>
        string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{Accuracy:P1} (95 % interval {Low:P1}–{High:P1}, {Pairs} pairs)"
        );
}

/// <summary>
/// The built-in model on the same validation pairs as a personal one, each photo with its own post's metadata as
/// `eval` scores any model: the yardstick a personal model has to beat to be worth using. (It once used the simulated
/// metadata `rank` uses, so `train` and `eval` reported the same kept model one pair apart on a 51-pair split.)
/// </summary>
public static class BuiltInOnPairs
{
    /// <summary>The built-in model's score of each validation post it could read, by post id.</summary>
    public static Dictionary<string, double> Scores(
        IReadOnlyList<Post> validation,
        Action<string, string>? onError = null,
        CancellationToken cancel = default
    )
    {
        using var scorer = OnnxScorer.Open(null);
        var scored = BatchScorer.Score(
            scorer,
            validation.Select(p => new ScoreRequest(p.ImagePath, MetadataFeatures.Compute(PostMetadata.Of(p)))).ToList(),
            null,
            onError,
            cancel: cancel
        );
        var scores = new Dictionary<string, double>();
        for (int i = 0; i < validation.Count; i++)
            if (scored[i] is { } s)
                scores[validation[i].PostId] = s.Score;
        return scores;
    }

    /// <summary>Accuracy on the untied pairs whose two posts both have a score.</summary>
    public static AccuracyInterval On(IReadOnlyList<PostPair> pairs, IReadOnlyDictionary<string, double> scores)
    {
        var usable = pairs.Where(p => !p.IsTie && scores.ContainsKey(p.A.PostId) && scores.ContainsKey(p.B.PostId)).ToList();
        return AccuracyInterval.Of(EvalFigures.Accuracy(usable, scores), usable.Count);
    }
}
