using System.Numerics;

namespace BestShot.Core.Data;

/// <summary>Comparisons of feature vectors (backbone features, embeddings).</summary>
public static class Vectors
{
    /// <summary>A float vector's values as doubles, its two halves added lane by lane (for SIMD sums in double).</summary>
    public static Vector<double> Widened(Vector<float> v)
    {
        Vector.Widen(v, out var low, out var high);
        return low + high;
    }

    /// <summary>Cosine similarity: 1 for the same direction, 0 for orthogonal; NaN when either vector is zero.</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
            throw new ArgumentException($"vectors of {a.Length} and {b.Length} values");
        double dot = 0,
            na = 0,
            nb = 0;
        for (int k = 0; k < a.Length; k++)
        {
            dot += a[k] * b[k];
            na += a[k] * a[k];
            nb += b[k] * b[k];
        }
        return dot / Math.Sqrt(na * nb);
    }
}
