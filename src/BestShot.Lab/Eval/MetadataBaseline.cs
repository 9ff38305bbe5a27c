using BestShot.Core.Data;
using BestShot.Core.Features;

namespace BestShot.Lab.Eval;

/// <summary>
/// The metadata-only baseline: ridge regression of the label on the 8 metadata features (plus a bias), fitted on
/// the training split in closed form. It shows how much of the ordering the metadata alone explains.
/// </summary>
public static class MetadataBaseline
{
    public static Func<Post, double> Fit(IReadOnlyList<Post> train, double ridge = 1e-3)
    {
        var w = Weights(train, ridge);
        return p => Predict(w, p);
    }

    /// <summary>The fitted weights: one per metadata feature, then the bias.</summary>
    public static double[] Weights(IReadOnlyList<Post> train, double ridge = 1e-3)
    {
        const int n = MetadataFeatures.Count + 1;
        var xtx = new double[n, n];
        var xty = new double[n];
        foreach (var p in train)
        {
            var x = Row(p);
            for (int i = 0; i < n; i++)
            {
                xty[i] += x[i] * p.Label;
                for (int j = 0; j < n; j++)
                    xtx[i, j] += x[i] * x[j];
            }
        }
        for (int i = 0; i < n; i++)
            xtx[i, i] += ridge * Math.Max(1, train.Count);
        return LinearSystem.Solve(xtx, xty);
    }

    public static double Predict(double[] weights, Post p)
    {
        var x = Row(p);
        double s = 0;
        for (int i = 0; i < x.Length; i++)
            s += weights[i] * x[i];
        return s;
    }

    static double[] Row(Post p)
    {
        var f = MetadataFeatures.Compute(PostMetadata.Of(p));
        var x = new double[f.Length + 1];
        for (int i = 0; i < f.Length; i++)
            x[i] = f[i];
        x[^1] = 1;
        return x;
    }
}
