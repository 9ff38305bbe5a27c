using System.Numerics;
using BestShot.Core.Data;

namespace BestShot.Core.Imaging;

/// <summary>
/// Fast downscaling for detectors, not for the scoring model: whole blocks are averaged (each axis by its own
/// whole factor, leaving Lanczos at least 1.5× to do), then Lanczos finishes. Lanczos alone widens its kernel with
/// the factor, so 1024 → 128 read 48 taps per pixel and cost 24 ms a photo in the look; averaging first gives nearly
/// the same pixels for a fraction.
/// The scoring view keeps plain <see cref="LanczosResizer"/>, whose Pillow-exact pixels the model was trained on.
/// </summary>
public static class BoxShrink
{
    public static RgbImage Resize(RgbImage src, int outWidth, int outHeight)
    {
        int kx = Math.Max(1, (int)(src.Width / (1.5 * outWidth))),
            ky = Math.Max(1, (int)(src.Height / (1.5 * outHeight)));
        if (kx * ky == 1)
            return LanczosResizer.Resize(src, outWidth, outHeight);
        // The averaged copy only feeds Lanczos: a pooled buffer spares a fresh megabyte (and its page faults) a call.
        int w = src.Width / kx,
            h = src.Height / ky;
        var pixels = Scratch.Rent<byte>(w * h * 3);
        try
        {
            var averaged = new RgbImage(w, h, pixels);
            AverageInto(src, kx, ky, averaged);
            return LanczosResizer.Resize(averaged, outWidth, outHeight);
        }
        finally
        {
            Scratch.Return(pixels);
        }
    }

    /// <summary>Each kx×ky block's mean; the right and bottom remainders (narrower than a block) are dropped.</summary>
    public static RgbImage Average(RgbImage src, int kx, int ky)
    {
        var dst = new RgbImage(src.Width / kx, src.Height / ky);
        AverageInto(src, kx, ky, dst);
        return dst;
    }

    /// <summary>The block means into dst, whose size must be src's divided by the block.</summary>
    static void AverageInto(RgbImage src, int kx, int ky, RgbImage dst)
    {
        int w = dst.Width,
            h = dst.Height,
            area = kx * ky,
            rowBytes = src.Width * 3;
        // Each block's ky rows are first added column by column in SIMD, 16-bit sums (257 rows of 255 at most) moved
        // into 32-bit ones between runs, then each block's kx columns: integer sums, the means of adding pixel by pixel.
        var partial = new ushort[rowBytes];
        var columns = ky > 257 ? new int[rowBytes] : null;
        for (int y = 0; y < h; y++)
        {
            if (columns != null)
                Array.Clear(columns);
            for (int dy0 = 0; dy0 < ky; dy0 += 257)
            {
                Array.Clear(partial);
                for (int dy = dy0; dy < Math.Min(ky, dy0 + 257); dy++)
                    AddRow(src.Pixels.AsSpan((y * ky + dy) * rowBytes, rowBytes), partial);
                if (columns != null)
                    for (int i = 0; i < rowBytes; i++)
                        columns[i] += partial[i];
            }
            if (columns == null)
                AddBlocks(partial, kx, w, area, dst.Pixels.AsSpan(y * w * 3, w * 3));
            else
                AddBlocks(columns, kx, w, area, dst.Pixels.AsSpan(y * w * 3, w * 3));
        }
    }

    /// <summary>Each block's kx column sums added, as the block's rounded mean.</summary>
    static void AddBlocks<T>(T[] columns, int kx, int w, int area, Span<byte> row)
        where T : struct, INumber<T>
    {
        for (int x = 0; x < w; x++)
        for (int c = 0; c < 3; c++)
        {
            int sum = 0;
            for (int i = x * kx * 3 + c, end = i + kx * 3; i < end; i += 3)
                sum += int.CreateTruncating(columns[i]);
            row[x * 3 + c] = (byte)((sum + area / 2) / area);
        }
    }

    /// <summary>sums += row, byte by byte, widened to 16 bits.</summary>
    static void AddRow(ReadOnlySpan<byte> row, Span<ushort> sums)
    {
        int j = 0,
            half = Vector<ushort>.Count;
        for (; j <= row.Length - Vector<byte>.Count; j += Vector<byte>.Count)
        {
            Vector.Widen(new Vector<byte>(row[j..]), out var low, out var high);
            (new Vector<ushort>(sums[j..]) + low).CopyTo(sums[j..]);
            (new Vector<ushort>(sums[(j + half)..]) + high).CopyTo(sums[(j + half)..]);
        }
        for (; j < row.Length; j++)
            sums[j] += row[j];
    }
}
