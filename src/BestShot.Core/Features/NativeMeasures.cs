using BestShot.Core.Data;
using BestShot.Core.Imaging;

namespace BestShot.Core.Features;

/// <summary>
/// Cheap measures of technical quality on an image's luma, at whatever resolution it is given (native for a photo,
/// 224 for the model's view). Each is a textbook one-liner, kept as a yardstick the model must beat.
/// </summary>
/// <param name="LaplacianVariance">Variance of the 4-neighbour Laplacian: falls with blur, rises with noise.</param>
/// <param name="MeanGradient">Mean magnitude of the forward-difference gradient, in luma levels per pixel.</param>
/// <param name="Highlights">Share of pixels with luma ≥ 250: blown highlights.</param>
/// <param name="Shadows">Share of pixels with luma ≤ 5: crushed shadows.</param>
/// <param name="Noise">
/// Noise σ in luma levels: the median absolute response of Immerkær's noise kernel, in the flatter half of the
/// image (where the 3×3-averaged gradient is below its median), scaled so that white noise of σ reads σ.
/// </param>
/// <param name="Blockiness">
/// Mean luma step across an 8-pixel grid over the mean step elsewhere, for the grid phase where that ratio is highest:
/// about 1 for a clean image, above it for the 8×8 blocks of heavy JPEG compression. Taking the worst phase finds the
/// blocks in a crop whose corner is not on the file's grid.
/// </param>
public sealed record NativeMeasures(
    double LaplacianVariance,
    double MeanGradient,
    double Highlights,
    double Shadows,
    double Noise,
    double Blockiness
)
{
    public double Clipped => Highlights + Shadows;

    public static NativeMeasures Of(RgbImage image)
    {
        int w = image.Width,
            h = image.Height;
        if (w < 3 || h < 3)
            return new NativeMeasures(0, 0, 0, 0, 0, 1);
        // Six planes a call, three calls a photo: pooled, they cost no fresh pages (page faults were a tenth of rank's time).
        int inner = (w - 2) * (h - 2);
        float[] y = Scratch.Rent<float>(w * h),
            rows = Scratch.Rent<float>(w * h),
            smooth = Scratch.Rent<float>(w * h),
            gradient = Scratch.Rent<float>(inner),
            response = Scratch.Rent<float>(inner),
            scratch = Scratch.Rent<float>(inner);
        try
        {
            FocusGrid.LumaInto(image, y);
            // Flatness is judged on a 3×3-averaged copy, so that the noise being measured does not decide where to measure it.
            Box3(y, w, h, rows, smooth);
            return Measure(y, smooth, w, h, gradient, response, scratch);
        }
        finally
        {
            foreach (var plane in new[] { y, rows, smooth, gradient, response, scratch })
                Scratch.Return(plane);
        }
    }

    static NativeMeasures Measure(float[] y, float[] smooth, int w, int h, float[] gradient, float[] response, float[] scratch)
    {
        double lapSum = 0,
            lapSq = 0,
            gradSum = 0;
        long highlights = 0,
            shadows = 0;
        int inner = (w - 2) * (h - 2);
        var phaseStep = new double[8]; // luma steps summed by position mod 8, columns and rows together
        var phaseCount = new long[8];
        for (int r = 0; r < h; r++)
        for (int c = 0; c < w; c++)
        {
            float v = y[r * w + c];
            if (v >= 250)
                highlights++;
            if (v <= 5)
                shadows++;
            if (c > 0)
            {
                phaseStep[c % 8] += Math.Abs(v - y[r * w + c - 1]);
                phaseCount[c % 8]++;
            }
            if (r > 0)
            {
                phaseStep[r % 8] += Math.Abs(v - y[(r - 1) * w + c]);
                phaseCount[r % 8]++;
            }
            if (r == 0 || c == 0 || r == h - 1 || c == w - 1)
                continue;
            int i = r * w + c;
            double lap = 4 * v - y[i - 1] - y[i + 1] - y[i - w] - y[i + w];
            lapSum += lap;
            lapSq += lap * lap;
            float gx = y[i + 1] - v,
                gy = y[i + w] - v,
                sx = smooth[i + 1] - smooth[i],
                sy = smooth[i + w] - smooth[i];
            long k = (long)(r - 1) * (w - 2) + (c - 1);
            gradSum += MathF.Sqrt(gx * gx + gy * gy);
            gradient[k] = sx * sx + sy * sy;
            // Immerkær's kernel [1 -2 1; -2 4 -2; 1 -2 1] cancels edges and smooth ramps; its norm is 6.
            response[k] = Math.Abs(
                y[i - w - 1]
                    - 2 * y[i - w]
                    + y[i - w + 1]
                    - 2 * y[i - 1]
                    + 4 * v
                    - 2 * y[i + 1]
                    + y[i + w - 1]
                    - 2 * y[i + w]
                    + y[i + w + 1]
            );
        }
        double n = inner,
            mean = lapSum / n;
        return new NativeMeasures(
            lapSq / n - mean * mean,
            gradSum / n,
            highlights / (double)(w * h),
            shadows / (double)(w * h),
            FlatNoise(gradient.AsSpan(0, inner), response, scratch),
            WorstPhaseBlockiness(phaseStep, phaseCount)
        );
    }

    static double WorstPhaseBlockiness(double[] phaseStep, long[] phaseCount)
    {
        double best = 1;
        for (int phase = 0; phase < 8; phase++)
        {
            double other = 0;
            long otherCount = 0;
            for (int q = 0; q < 8; q++)
                if (q != phase)
                    (other, otherCount) = (other + phaseStep[q], otherCount + phaseCount[q]);
            if (other > 0 && phaseCount[phase] > 0)
                best = Math.Max(best, phaseStep[phase] / phaseCount[phase] / (other / otherCount));
        }
        return best;
    }

    /// <summary>1.4826 · median |response| / 6 over the pixels whose smoothed gradient is below its median.</summary>
    static double FlatNoise(ReadOnlySpan<float> gradient, float[] response, float[] scratch)
    {
        gradient.CopyTo(scratch);
        float threshold = KthSmallest(scratch.AsSpan(0, gradient.Length), gradient.Length / 2);
        int flat = 0;
        for (int k = 0; k < gradient.Length; k++)
            if (gradient[k] <= threshold)
                scratch[flat++] = response[k];
        return flat == 0 ? 0 : 1.4826 * KthSmallest(scratch.AsSpan(0, flat), flat / 2) / 6;
    }

    /// <summary>
    /// The k-th smallest value (0-based), what sorting and indexing would give, by Hoare's quickselect in linear time:
    /// two full sorts per image were most of the measures' cost (28 ms of a photo's ~40 ms). Reorders `a`.
    /// </summary>
    public static float KthSmallest(float[] a, int k) => KthSmallest(a.AsSpan(), k);

    /// <summary>The k-th smallest value of a span, reordering it.</summary>
    public static float KthSmallest(Span<float> a, int k)
    {
        int lo = 0,
            hi = a.Length - 1;
        while (lo < hi)
        {
            float pivot = a[lo + (hi - lo) / 2];
            int i = lo,
                j = hi;
            while (i <= j)
            {
                while (a[i] < pivot)
                    i++;
                while (a[j] > pivot)
                    j--;
                if (i <= j)
                {
                    (a[i], a[j]) = (a[j], a[i]);
                    i++;
                    j--;
                }
            }
            if (k <= j)
                hi = j;
            else if (k >= i)
                lo = i;
            else
                return a[k];
        }
        return a[k];
    }

    /// <summary>The 3×3 mean of y into `both` (`rows` holds the horizontal pass).</summary>
    static void Box3(float[] y, int w, int h, float[] rows, float[] both)
    {
        // Edges are clamped; the interior skips the clamping (a third of the measures' time), with the same sums.
        for (int r = 0; r < h; r++)
        {
            int o = r * w;
            rows[o] = (y[o] + y[o] + y[o + Math.Min(1, w - 1)]) / 3;
            for (int c = 1; c < w - 1; c++)
                rows[o + c] = (y[o + c - 1] + y[o + c] + y[o + c + 1]) / 3;
            if (w > 1)
                rows[o + w - 1] = (y[o + w - 2] + y[o + w - 1] + y[o + w - 1]) / 3;
        }
        for (int r = 0; r < h; r++)
        {
            int up = Math.Max(r - 1, 0) * w,
                mid = r * w,
                down = Math.Min(r + 1, h - 1) * w;
            for (int c = 0; c < w; c++)
                both[mid + c] = (rows[up + c] + rows[mid + c] + rows[down + c]) / 3;
        }
    }

    internal static float[] Luma(RgbImage image) => FocusGrid.Luma(image);
}
