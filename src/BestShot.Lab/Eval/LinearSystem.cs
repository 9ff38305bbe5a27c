namespace BestShot.Lab.Eval;

/// <summary>The small dense linear systems that the closed-form ridge fits here solve.</summary>
public static class LinearSystem
{
    /// <summary>
    /// x with a·x = b, by Gaussian elimination with partial pivoting, for small, regularised systems; a and b are left
    /// as they are.
    /// </summary>
    public static double[] Solve(double[,] a, double[] b)
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
