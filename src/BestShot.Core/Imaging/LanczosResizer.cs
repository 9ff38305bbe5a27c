namespace BestShot.Core.Imaging;

/// <summary>
/// Separable, antialiased Lanczos3 resampling with Pillow's exact arithmetic (Resample.c): the kernel widens by the
/// downscale factor, coefficients are 22-bit fixed point, and the horizontal pass is rounded to 8 bits before the
/// vertical pass. Matching Pillow means a model trained on the seed's Pillow-cropped images sees the same pixels.
/// Only the requested output window is computed, so resize-then-crop costs no more than the crop.
/// </summary>
public static class LanczosResizer
{
    const int PrecisionBits = 32 - 8 - 2;
    const double Support = 3.0;

    /// <summary>Resizes src to outWidth×outHeight and returns the window [x0, x0+w) × [y0, y0+h) of that result.</summary>
    public static RgbImage ResizeWindow(RgbImage src, int outWidth, int outHeight, int x0, int y0, int w, int h)
    {
        var (xBounds, xCoeffs, xK) = Coefficients(src.Width, outWidth, x0, w);
        var (yBounds, yCoeffs, yK) = Coefficients(src.Height, outHeight, y0, h);

        // Input rows the vertical pass will read.
        int rowFirst = int.MaxValue,
            rowLast = 0;
        for (int y = 0; y < h; y++)
        {
            rowFirst = Math.Min(rowFirst, yBounds[2 * y]);
            rowLast = Math.Max(rowLast, yBounds[2 * y] + yBounds[2 * y + 1]);
        }

        // Horizontal pass: rows rowFirst..rowLast, columns of the window only, rounded to 8 bits as Pillow does.
        int rows = rowLast - rowFirst;
        var mid = new byte[rows * w * 3];
        byte[] s = src.Pixels;
        Parallel.For(
            0,
            rows,
            r =>
            {
                int srcRow = (rowFirst + r) * src.Width * 3;
                for (int x = 0; x < w; x++)
                    Filter(s, srcRow + xBounds[2 * x] * 3, 3, xCoeffs, x * xK, xBounds[2 * x + 1], mid, (r * w + x) * 3);
            }
        );

        // Vertical pass.
        var dst = new RgbImage(w, h);
        for (int y = 0; y < h; y++)
        {
            int ymin = yBounds[2 * y] - rowFirst;
            for (int x = 0; x < w; x++)
                Filter(mid, (ymin * w + x) * 3, w * 3, yCoeffs, y * yK, yBounds[2 * y + 1], dst.Pixels, (y * w + x) * 3);
        }
        return dst;
    }

    /// <summary>
    /// One output pixel of a pass: the `n` input pixels from `first`, `stride` bytes apart, weighted by the fixed-point
    /// coefficients from `k`, with Pillow's rounding, written as RGB at `o`.
    /// </summary>
    static void Filter(byte[] src, int first, int stride, int[] coeffs, int k, int n, byte[] dst, int o)
    {
        int r0 = 1 << (PrecisionBits - 1),
            g0 = r0,
            b0 = r0;
        for (int i = 0; i < n; i++)
        {
            int c = coeffs[k + i],
                p = first + i * stride;
            r0 += src[p] * c;
            g0 += src[p + 1] * c;
            b0 += src[p + 2] * c;
        }
        dst[o] = Clip(r0);
        dst[o + 1] = Clip(g0);
        dst[o + 2] = Clip(b0);
    }

    public static RgbImage Resize(RgbImage src, int outWidth, int outHeight) =>
        ResizeWindow(src, outWidth, outHeight, 0, 0, outWidth, outHeight);

    /// <summary>Both sides times `factor`, rounded, at least 1 px.</summary>
    public static RgbImage Scale(RgbImage src, double factor) =>
        Resize(src, Math.Max(1, (int)Math.Round(src.Width * factor)), Math.Max(1, (int)Math.Round(src.Height * factor)));

    static byte Clip(int v)
    {
        v >>= PrecisionBits;
        return (byte)(
            v < 0 ? 0
            : v > 255 ? 255
            : v
        );
    }

    /// <summary>Pillow's precompute_coeffs for output indices first..first+count, in fixed point.</summary>
    static (int[] Bounds, int[] Coeffs, int K) Coefficients(int inSize, int outSize, int first, int count)
    {
        double scale = (double)inSize / outSize;
        double filterScale = Math.Max(scale, 1.0);
        double support = Support * filterScale;
        int ksize = (int)Math.Ceiling(support) * 2 + 1;
        var bounds = new int[count * 2];
        var coeffs = new int[count * ksize];
        var w = new double[ksize];
        for (int j = 0; j < count; j++)
        {
            int xx = first + j;
            double center = (xx + 0.5) * scale;
            double ss = 1.0 / filterScale;
            int xmin = Math.Max((int)(center - support + 0.5), 0);
            int xmax = Math.Min((int)(center + support + 0.5), inSize) - xmin;
            double sum = 0;
            for (int x = 0; x < xmax; x++)
            {
                w[x] = Lanczos((x + xmin - center + 0.5) * ss);
                sum += w[x];
            }
            for (int x = 0; x < xmax; x++)
            {
                double v = sum != 0 ? w[x] / sum : w[x];
                coeffs[j * ksize + x] = (int)(v < 0 ? -0.5 + v * (1 << PrecisionBits) : 0.5 + v * (1 << PrecisionBits));
            }
            bounds[2 * j] = xmin;
            bounds[2 * j + 1] = xmax;
        }
        return (bounds, coeffs, ksize);
    }

    static double Sinc(double x)
    {
        if (x == 0.0)
            return 1.0;
        x *= Math.PI;
        return Math.Sin(x) / x;
    }

    static double Lanczos(double x) => x >= -Support && x < Support ? Sinc(x) * Sinc(x / Support) : 0.0;
}
