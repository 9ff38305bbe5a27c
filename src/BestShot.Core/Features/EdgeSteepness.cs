using BestShot.Core.Imaging;

namespace BestShot.Core.Features;

/// <summary>
/// How steep a photo's sharpest edges are for their contrast: the gradient over the luma range around it, at the 99th
/// percentile of the pixels with any contrast. At a step edge of height h blurred by σ the steepest gradient is about
/// h / (σ√2π) and the range about h, so the ratio reads the blur whatever the edge's contrast and the exposure, and
/// almost any photo has a few edges that were sharp before the blur. On the reference photos blurred and darkened as
/// the planted damage is, the v3 measures explained 92.8 % of the damage's variance across photos held out; with this
/// ratio 95.3 % (docs/training.md, "v4").
/// </summary>
public static class EdgeSteepness
{
    /// <summary>Pixels whose neighbourhood spans fewer luma levels than this are flat: their ratio is noise.</summary>
    const float MinContrast = 20;

    /// <summary>−log of the ratio over 4: about 0.2 for a crisp photo, towards 1 for a strongly blurred one.</summary>
    public static double Of(RgbImage image, int radius) => AtRadii(image, [radius])[0];

    /// <summary><see cref="Of"/> at each radius, converting to luma and reading the gradients once for all of them.</summary>
    public static double[] AtRadii(RgbImage image, int[] radii)
    {
        var y = FocusGrid.Luma(image);
        int w = image.Width,
            h = image.Height;
        if (w < 3 || h < 3)
            return radii.Select(_ => 1.0).ToArray();
        var gradient = new float[y.Length]; // central differences, interior pixels only
        for (int r = 1; r < h - 1; r++)
        for (int x = 1; x < w - 1; x++)
        {
            int i = r * w + x;
            float gx = (y[i + 1] - y[i - 1]) / 2,
                gy = (y[i + w] - y[i - w]) / 2;
            gradient[i] = MathF.Sqrt(gx * gx + gy * gy);
        }
        var ratios = new float[(w - 2) * (h - 2)];
        return radii.Select(radius => Steepness(gradient, LocalRange(y, w, h, radius), w, h, ratios)).ToArray();
    }

    /// <summary>The measure from the gradients and one radius's local ranges; `ratios` is scratch space.</summary>
    static double Steepness(float[] gradient, float[] range, int w, int h, float[] ratios)
    {
        // A photo dark or flat enough that no square spans MinContrast levels is read at half its own largest range,
        // so that it still reads its steepest edges (and reads as sharp as a brighter exposure of it would).
        float widest = 0;
        foreach (float v in range)
            widest = Math.Max(widest, v);
        if (widest <= 0)
            return 1; // no contrast anywhere: nothing reads sharp
        float minContrast = Math.Min(MinContrast, widest / 2);
        int n = 0;
        for (int r = 1; r < h - 1; r++)
        for (int x = 1; x < w - 1; x++)
        {
            int i = r * w + x;
            if (range[i] >= minContrast)
                ratios[n++] = gradient[i] / range[i];
        }
        if (n == 0)
            return 1; // contrast only along the border, where no gradient is read
        double steepest = NativeMeasures.KthSmallest(ratios.AsSpan(0, n), (int)(0.99 * (n - 1)));
        return Math.Clamp(-Math.Log(steepest + 1e-3) / 4, 0, 2);
    }

    /// <summary>Max minus min over the (2r+1)² square around each pixel, clipped at the borders.</summary>
    static float[] LocalRange(float[] y, int w, int h, int r)
    {
        var (rowMax, rowMin) = (new float[y.Length], new float[y.Length]);
        var (max, min) = (new float[y.Length], new float[y.Length]);
        for (int row = 0; row < h; row++)
            Sliding(y, y, row * w, 1, w, r, rowMax, rowMin);
        for (int x = 0; x < w; x++)
            Sliding(rowMax, rowMin, x, w, h, r, max, min);
        for (int i = 0; i < y.Length; i++)
            max[i] -= min[i];
        return max;
    }

    /// <summary>
    /// The max of maxIn and the min of minIn over a window of 2r+1 along one line (start, step, length), into maxOut and
    /// minOut. Van Herk / Gil–Werman: a running max within blocks of the window's
    /// length from each side, two of which cover any window, so it costs the same for any radius.
    /// </summary>
    static void Sliding(float[] maxIn, float[] minIn, int start, int step, int length, int r, float[] maxOut, float[] minOut)
    {
        int k = 2 * r + 1,
            padded = length + 2 * r;
        Span<float> fwdMax = padded <= 2048 ? stackalloc float[padded] : new float[padded];
        Span<float> bwdMax = padded <= 2048 ? stackalloc float[padded] : new float[padded];
        Span<float> fwdMin = padded <= 2048 ? stackalloc float[padded] : new float[padded];
        Span<float> bwdMin = padded <= 2048 ? stackalloc float[padded] : new float[padded];
        // The line padded with its end values, which change no window's max or min.
        float At(float[] a, int t) => a[start + Math.Clamp(t - r, 0, length - 1) * step];
        for (int t = 0; t < padded; t++)
        {
            float hi = At(maxIn, t),
                lo = At(minIn, t);
            bool blockStart = t % k == 0;
            fwdMax[t] = blockStart ? hi : Math.Max(fwdMax[t - 1], hi);
            fwdMin[t] = blockStart ? lo : Math.Min(fwdMin[t - 1], lo);
        }
        for (int t = padded - 1; t >= 0; t--)
        {
            float hi = At(maxIn, t),
                lo = At(minIn, t);
            bool blockEnd = t % k == k - 1 || t == padded - 1;
            bwdMax[t] = blockEnd ? hi : Math.Max(bwdMax[t + 1], hi);
            bwdMin[t] = blockEnd ? lo : Math.Min(bwdMin[t + 1], lo);
        }
        // The window of output t is padded [t, t + k − 1].
        for (int t = 0; t < length; t++)
        {
            maxOut[start + t * step] = Math.Max(bwdMax[t], fwdMax[t + k - 1]);
            minOut[start + t * step] = Math.Min(bwdMin[t], fwdMin[t + k - 1]);
        }
    }
}
