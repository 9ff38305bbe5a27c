using BestShot.Core.Features;
using BestShot.Core.Imaging;
using BestShot.Core.Look;

namespace BestShot.Tests;

/// <summary>The focus and motion measures summed in SIMD agree with the pixel-by-pixel sums they replaced.</summary>
public class SimdSumsTests
{
    static (float[] Luma, int W, int H) Plane(string sample)
    {
        var image = ImageDecoder.Decode(Path.Combine(TestPaths.Samples, sample));
        return (FocusGrid.Luma(image), image.Width, image.Height);
    }

    /// <summary>FocusGrid.Detail as it was: one pixel at a time.</summary>
    static double? ReferenceDetail(float[] luma, int w, int h, int x0, int y0, int x1, int y1)
    {
        (x0, y0, x1, y1) = (Math.Max(1, x0), Math.Max(1, y0), Math.Min(w - 1, x1), Math.Min(h - 1, y1));
        if (x1 - x0 < 4 || y1 - y0 < 4)
            return null;
        double lap = 0,
            sum = 0,
            sq = 0;
        int n = 0;
        for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++, n++)
        {
            int p = y * w + x;
            float v = luma[p];
            lap += Math.Abs(4 * v - luma[p - 1] - luma[p + 1] - luma[p - w] - luma[p + w]);
            sum += v;
            sq += v * v;
        }
        double mean = sum / n,
            sd = Math.Sqrt(Math.Max(0, sq / n - mean * mean));
        return sd < 4 ? null : lap / n / sd;
    }

    [Theory]
    [InlineData("coffee.png")]
    [InlineData("rocket.jpg")]
    public void DetailAgreesWithThePixelByPixelSum(string sample)
    {
        var (luma, w, h) = Plane(sample);
        // Whole frame, a 4×4 cell, and boxes whose widths leave a scalar tail after the SIMD lanes.
        foreach (var (x0, y0, x1, y1) in new[] { (0, 0, w, h), (w / 4, h / 4, w / 2, h / 2), (3, 5, 3 + 37, 5 + 29), (10, 10, 17, 40) })
        {
            var ours = FocusGrid.Detail(luma, w, h, x0, y0, x1, y1);
            var reference = ReferenceDetail(luma, w, h, x0, y0, x1, y1);
            Assert.Equal(reference.HasValue, ours.HasValue);
            if (reference is double r)
                Assert.True(Math.Abs(ours!.Value - r) <= 1e-12 * Math.Abs(r), $"box {x0},{y0}–{x1},{y1}: {ours} against {r}");
        }
    }

    [Fact]
    public void MotionAnisotropyReadsASmearAndAgreesAcrossRowWidths()
    {
        var (luma, w, h) = Plane("coffee.png");
        // A horizontal smear: each pixel the mean of 15 along its row, which removes detail along 0° only.
        var smeared = new float[luma.Length];
        for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
        {
            float s = 0;
            for (int d = -7; d <= 7; d++)
                s += luma[y * w + Math.Clamp(x + d, 0, w - 1)];
            smeared[y * w + x] = s / 15;
        }
        double clean = MotionBlur.Anisotropy(luma, w, h),
            smear = MotionBlur.Anisotropy(smeared, w, h);
        Assert.True(smear > 0.6 && smear > clean + 0.2, $"anisotropy clean {clean:F3}, smeared {smear:F3}");
        // The same plane one column narrower (a scalar tail on every row) measures what its pixels say, not its width.
        var narrower = new float[(w - 1) * h];
        for (int y = 0; y < h; y++)
            Array.Copy(smeared, y * w, narrower, y * (w - 1), w - 1);
        Assert.Equal(smear, MotionBlur.Anisotropy(narrower, w - 1, h), 2);
    }
}
