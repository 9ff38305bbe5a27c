using System.Numerics;
using BestShot.Core.Data;

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

        // Horizontal pass: rows rowFirst..rowLast, columns of the window only, rounded to 8 bits as Pillow does. The
        // rounded values are kept as ints so that the vertical pass can run along whole rows in SIMD.
        int rows = rowLast - rowFirst,
            rowLength = w * 3;
        var mid = Scratch.Rent<int>(rows * rowLength);
        try
        {
            if ((long)rows * w >= ParallelFrom)
                Parallel.For(0, rows, r => Horizontal(src, rowFirst + r, xBounds, xCoeffs, xK, w, mid, r * rowLength));
            else
                for (int r = 0; r < rows; r++)
                    Horizontal(src, rowFirst + r, xBounds, xCoeffs, xK, w, mid, r * rowLength);

            // Vertical pass, an output row at a time: each input row weighted and added whole. Integer sums are exact in
            // any order, so the pixels are Pillow's.
            var dst = new RgbImage(w, h);
            var sums = new int[rowLength];
            for (int y = 0; y < h; y++)
            {
                Array.Fill(sums, Half);
                int first = (yBounds[2 * y] - rowFirst) * rowLength;
                for (int i = 0; i < yBounds[2 * y + 1]; i++)
                    AddScaled(mid.AsSpan(first + i * rowLength, rowLength), yCoeffs[y * yK + i], sums);
                for (int j = 0; j < rowLength; j++)
                    dst.Pixels[y * rowLength + j] = (byte)Clip(sums[j]);
            }
            return dst;
        }
        finally
        {
            Scratch.Return(mid);
        }
    }

    /// <summary>Below this many intermediate pixels the horizontal pass runs on the calling thread.</summary>
    const long ParallelFrom = 64 * 1024;

    /// <summary>Pillow's rounding offset: half of the fixed point's one.</summary>
    const int Half = 1 << (PrecisionBits - 1);

    /// <summary>
    /// One row of the horizontal pass: each output pixel is its input pixels from bounds[2x] on, weighted by the
    /// fixed-point coefficients from x·k, with Pillow's rounding; written as RGB ints from `o`.
    /// </summary>
    static unsafe void Horizontal(RgbImage src, int row, int[] bounds, int[] coeffs, int k, int w, int[] mid, int o)
    {
        fixed (byte* pixels = src.Pixels)
        fixed (
            int* weights = coeffs,
                output = mid
        )
        {
            byte* line = pixels + (long)row * src.Width * 3;
            int* to = output + o;
            for (int x = 0; x < w; x++, to += 3)
            {
                byte* p = line + bounds[2 * x] * 3;
                int* c = weights + x * k;
                int n = bounds[2 * x + 1],
                    r = Half,
                    g = Half,
                    b = Half;
                for (int i = 0; i < n; i++, p += 3)
                {
                    r += p[0] * c[i];
                    g += p[1] * c[i];
                    b += p[2] * c[i];
                }
                to[0] = Clip(r);
                to[1] = Clip(g);
                to[2] = Clip(b);
            }
        }
    }

    /// <summary>sums += row × c, element by element, in SIMD.</summary>
    static void AddScaled(ReadOnlySpan<int> row, int c, Span<int> sums)
    {
        var scale = new Vector<int>(c);
        int j = 0;
        for (; j <= row.Length - Vector<int>.Count; j += Vector<int>.Count)
            (new Vector<int>(sums[j..]) + new Vector<int>(row[j..]) * scale).CopyTo(sums[j..]);
        for (; j < row.Length; j++)
            sums[j] += row[j] * c;
    }

    public static RgbImage Resize(RgbImage src, int outWidth, int outHeight) =>
        ResizeWindow(src, outWidth, outHeight, 0, 0, outWidth, outHeight);

    /// <summary>Both sides times `factor`, rounded, at least 1 px.</summary>
    public static RgbImage Scale(RgbImage src, double factor) =>
        Resize(src, Math.Max(1, (int)Math.Round(src.Width * factor)), Math.Max(1, (int)Math.Round(src.Height * factor)));

    /// <summary>A fixed-point sum as an 8-bit value, 0–255.</summary>
    static int Clip(int v)
    {
        v >>= PrecisionBits;
        return v < 0 ? 0
            : v > 255 ? 255
            : v;
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
