using BestShot.Core.Imaging;

namespace BestShot.Core.Features;

/// <summary>
/// What a photo looks like as a layout, for telling near-duplicates from strangers where no capture time helps: a
/// 16×16 grid of mean luma, normalised to zero mean and unit spread (an exposure step leaves it nearly unchanged, a
/// blur barely moves 16×16 means, a small shift or zoom moves it a fraction of a cell). The backbone's embedding says
/// what is shown; this says where, and two distinct photos of one subject rarely agree on both. Computed on the 224
/// global view while scoring and cached with the score.
/// </summary>
public static class Likeness
{
    const int LumaSide = 16;

    public const int Length = LumaSide * LumaSide;

    public static float[] Of(RgbImage image) => Of(FocusGrid.Luma(image), image.Width, image.Height);

    /// <summary>The layout of a luma plane (<see cref="FocusGrid.Luma"/>), which the focus grid reads too.</summary>
    public static float[] Of(float[] plane, int w, int h)
    {
        var sig = new float[Length];
        var count = new int[Length];
        var luma = new double[Length];
        for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
        {
            int cell = y * LumaSide / h * LumaSide + x * LumaSide / w;
            luma[cell] += plane[y * w + x];
            count[cell]++;
        }
        for (int i = 0; i < luma.Length; i++)
            luma[i] /= Math.Max(1, count[i]);
        double mean = luma.Average(),
            sd = Math.Sqrt(luma.Average(v => (v - mean) * (v - mean)));
        for (int i = 0; i < luma.Length; i++)
            sig[i] = (float)((luma[i] - mean) / Math.Max(sd, 2.0)); // a flat frame stays near 0, not noise blown up
        return sig;
    }

    /// <summary>Correlation of the two layouts: 1 for the same picture, near 0 for unrelated ones.</summary>
    public static double Layout(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0;
        for (int i = 0; i < Length; i++)
            dot += a[i] * b[i];
        return dot / Length;
    }
}
