namespace BestShot.Core.Data;

public sealed record BucketAccuracy(string Bucket, int Pairs, double Accuracy);

/// <summary>The seed's evaluation and a few more views of it, from per-post scores.</summary>
public sealed record EvalFigures(
    double PairwiseAccuracy,
    int Pairs,
    int Ties,
    double ValMse,
    double WithinUserSpearman,
    IReadOnlyList<BucketAccuracy> ByLabelGap
)
{
    static readonly (double Lo, double Hi)[] Buckets = [(0, 0.1), (0.1, 0.25), (0.25, 0.5), (0.5, 1.0), (1.0, double.PositiveInfinity)];

    /// <summary>The seed's pairwise accuracy: the mean credit over the pairs that are not ties (NaN when none is left).</summary>
    public static double Accuracy(IReadOnlyList<PostPair> pairs, IReadOnlyDictionary<string, double> scores)
    {
        var scored = pairs.Where(p => !p.IsTie).ToList();
        return scored.Count == 0 ? double.NaN : scored.Sum(p => p.Credit(scores[p.A.PostId], scores[p.B.PostId])) / scored.Count;
    }

    public static EvalFigures Compute(
        IReadOnlyList<Post> validation,
        IReadOnlyList<PostPair> pairs,
        IReadOnlyDictionary<string, double> scores
    )
    {
        var scored = pairs.Where(p => !p.IsTie && scores.ContainsKey(p.A.PostId) && scores.ContainsKey(p.B.PostId)).ToList();
        var withScores = validation.Where(p => scores.ContainsKey(p.PostId)).ToList();
        double mse = Mse(withScores, scores);

        // Spearman per user with ≥ 3 posts, averaged with weights = posts.
        double weighted = 0;
        int weight = 0;
        foreach (var g in withScores.GroupBy(p => p.UserId).Where(g => g.Count() >= 3))
        {
            var list = g.ToList();
            double rho = Spearman(list.Select(p => p.Label).ToArray(), list.Select(p => scores[p.PostId]).ToArray());
            if (double.IsNaN(rho))
                continue;
            weighted += rho * list.Count;
            weight += list.Count;
        }

        var buckets = Buckets
            .Select(b =>
            {
                var inBucket = scored.Where(p => Math.Abs(p.A.Label - p.B.Label) is var d && d >= b.Lo && d < b.Hi).ToList();
                string name = double.IsPositiveInfinity(b.Hi) ? $"≥ {b.Lo}" : $"{b.Lo}–{b.Hi}";
                return new BucketAccuracy(name, inBucket.Count, Accuracy(inBucket, scores));
            })
            .ToList();

        return new EvalFigures(
            Accuracy(scored, scores),
            scored.Count,
            pairs.Count(p => p.IsTie),
            mse,
            weight == 0 ? double.NaN : weighted / weight,
            buckets
        );
    }

    /// <summary>Mean squared error of the scores against the posts' labels (log likes ratios); NaN for no posts.</summary>
    public static double Mse(IReadOnlyList<Post> posts, IReadOnlyDictionary<string, double> scores) =>
        posts.Count == 0 ? double.NaN : posts.Average(p => Math.Pow(scores[p.PostId] - p.Label, 2));

    public static double Spearman(double[] a, double[] b)
    {
        var ra = Ranks(a);
        var rb = Ranks(b);
        double ma = ra.Average(),
            mb = rb.Average();
        double cov = 0,
            va = 0,
            vb = 0;
        for (int i = 0; i < ra.Length; i++)
        {
            cov += (ra[i] - ma) * (rb[i] - mb);
            va += (ra[i] - ma) * (ra[i] - ma);
            vb += (rb[i] - mb) * (rb[i] - mb);
        }
        return va == 0 || vb == 0 ? double.NaN : cov / Math.Sqrt(va * vb);
    }

    /// <summary>Average ranks, ties sharing their mean rank.</summary>
    static double[] Ranks(double[] x)
    {
        var order = Enumerable.Range(0, x.Length).OrderBy(i => x[i]).ToArray();
        var ranks = new double[x.Length];
        for (int i = 0; i < order.Length; )
        {
            int j = i;
            while (j + 1 < order.Length && x[order[j + 1]] == x[order[i]])
                j++;
            for (int k = i; k <= j; k++)
                ranks[order[k]] = (i + j) / 2.0;
            i = j + 1;
        }
        return ranks;
    }
}
