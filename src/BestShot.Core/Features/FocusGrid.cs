using System.Numerics;
using BestShot.Core.Data;
using BestShot.Core.Imaging;

namespace BestShot.Core.Features;

/// <summary>
/// Where a photo is sharp: a 4×4 grid of contrast-normalised detail (mean |Laplacian| over the standard deviation of
/// each cell's luma) on the 224 global view. Normalising by contrast makes an exposure step leave it nearly unchanged,
/// so, across the frames of one burst, a cell that lost most of its detail was blurred (missed focus, shake, a soft
/// subject), not darkened. Comparing frames of one moment cell by cell finds a frame soft where its siblings are sharp,
/// which one score for the whole photo misses. Computed while scoring and cached, so `cull` decodes nothing.
/// </summary>
public static class FocusGrid
{
    public const int Side = 4;
    public const int Cells = Side * Side;

    public static float[] Of(RgbImage image) => Of(Luma(image), image.Width, image.Height);

    /// <summary>The grid of a luma plane (<see cref="Luma"/>), for a caller that needs the plane for more.</summary>
    public static float[] Of(float[] luma, int w, int h)
    {
        var grid = new float[Cells];
        for (int cy = 0; cy < Side; cy++)
        for (int cx = 0; cx < Side; cx++)
            // A flat cell (sky, a wall) has no detail to lose: 0 marks it as not judged.
            grid[cy * Side + cx] = (float)(
                Detail(luma, w, h, cx * w / Side, cy * h / Side, (cx + 1) * w / Side, (cy + 1) * h / Side) ?? 0
            );
        return grid;
    }

    public static float[] Luma(RgbImage image)
    {
        var luma = new float[image.Width * image.Height];
        LumaInto(image, luma);
        return luma;
    }

    /// <summary>The luma plane into the first width × height values of `luma` (a pooled buffer may be longer).</summary>
    public static void LumaInto(RgbImage image, float[] luma)
    {
        var p = image.Pixels;
        for (int i = 0; i < image.Width * image.Height; i++)
            luma[i] = 0.299f * p[i * 3] + 0.587f * p[i * 3 + 1] + 0.114f * p[i * 3 + 2];
    }

    /// <summary>Mean |Laplacian| over the luma's standard deviation in a box; null for a box too small or flat.</summary>
    public static double? Detail(float[] luma, int w, int h, int x0, int y0, int x1, int y1)
    {
        x0 = Math.Max(1, x0);
        y0 = Math.Max(1, y0);
        x1 = Math.Min(w - 1, x1);
        y1 = Math.Min(h - 1, y1);
        if (x1 - x0 < 4 || y1 - y0 < 4)
            return null;
        // In SIMD along each row: each pixel's float values are the scalar arithmetic's, the double sums run by lane.
        Vector<double> vLap = Vector<double>.Zero,
            vSum = vLap,
            vSq = vLap;
        double lap = 0,
            sum = 0,
            sq = 0;
        int n = (x1 - x0) * (y1 - y0),
            lanes = Vector<float>.Count;
        for (int y = y0; y < y1; y++)
        {
            int p = y * w + x0,
                end = y * w + x1;
            for (; p <= end - lanes; p += lanes)
            {
                var v = new Vector<float>(luma, p);
                var laplacian = v * 4 - new Vector<float>(luma, p - 1) - new Vector<float>(luma, p + 1);
                vLap += Vectors.Widened(Vector.Abs(laplacian - new Vector<float>(luma, p - w) - new Vector<float>(luma, p + w)));
                vSum += Vectors.Widened(v);
                vSq += Vectors.Widened(v * v);
            }
            for (; p < end; p++)
            {
                float v = luma[p];
                lap += Math.Abs(4 * v - luma[p - 1] - luma[p + 1] - luma[p - w] - luma[p + w]);
                sum += v;
                sq += v * v;
            }
        }
        (lap, sum, sq) = (lap + Vector.Sum(vLap), sum + Vector.Sum(vSum), sq + Vector.Sum(vSq));
        double mean = sum / n,
            sd = Math.Sqrt(Math.Max(0, sq / n - mean * mean));
        return sd < 4 ? null : lap / n / sd;
    }

    /// <summary>
    /// How many cells of `frame` kept less than <paramref name="keptShare"/> of the detail the moment's sharpest frame
    /// has there. Cells flat in either are not judged.
    /// </summary>
    public static int SoftCells(float[] frame, IEnumerable<float[]> moment, double keptShare)
    {
        var best = new float[Cells];
        foreach (var g in moment)
            for (int c = 0; c < Cells; c++)
                best[c] = Math.Max(best[c], g[c]);
        int soft = 0;
        for (int c = 0; c < Cells; c++)
            if (frame[c] > 0 && best[c] > 0 && frame[c] < keptShare * best[c])
                soft++;
        return soft;
    }
}
