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
        return Solve(xtx, xty);
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

    /// <summary>Gaussian elimination with partial pivoting; the matrix is small and regularised.</summary>
    static double[] Solve(double[,] a, double[] b)
    {
        int n = b.Length;
        var m = (double[,])a.Clone();
        var y = (double[])b.Clone();
        for (int c = 0; c < n; c++)
        {
            int pivot = c;
            for (int r = c + 1; r < n; r++)
                if (Math.Abs(m[r, c]) > Math.Abs(m[pivot, c]))
                    pivot = r;
            for (int k = 0; k < n; k++)
                (m[c, k], m[pivot, k]) = (m[pivot, k], m[c, k]);
            (y[c], y[pivot]) = (y[pivot], y[c]);
            for (int r = c + 1; r < n; r++)
            {
                double f = m[r, c] / m[c, c];
                for (int k = c; k < n; k++)
                    m[r, k] -= f * m[c, k];
                y[r] -= f * y[c];
            }
        }
        var x = new double[n];
        for (int r = n - 1; r >= 0; r--)
        {
            double s = y[r];
            for (int k = r + 1; k < n; k++)
                s -= m[r, k] * x[k];
            x[r] = s / m[r, r];
        }
        return x;
    }
}
