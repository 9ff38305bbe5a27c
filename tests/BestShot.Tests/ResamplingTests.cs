using BestShot.Core.Features;
using BestShot.Core.Imaging;

namespace BestShot.Tests;

/// <summary>
/// The resamplers and measures made faster with SIMD and pooled buffers give the pixels and values of the plain
/// per-pixel arithmetic they replaced, whatever ran before them on the thread.
/// </summary>
public class ResamplingTests
{
    static RgbImage Sample(string name) => ImageDecoder.Decode(Path.Combine(TestPaths.Samples, name));

    /// <summary>Pillow's Resample.c, one output pixel at a time: what LanczosResizer did before its SIMD rows.</summary>
    static RgbImage ReferenceLanczos(RgbImage src, int outW, int outH, int x0, int y0, int w, int h)
    {
        const int bits = 22;
        static (int Min, int[] C) Taps(int inSize, int outSize, int o)
        {
            double scale = (double)inSize / outSize,
                filter = Math.Max(scale, 1),
                support = 3 * filter,
                center = (o + 0.5) * scale;
            int min = Math.Max((int)(center - support + 0.5), 0),
                n = Math.Min((int)(center + support + 0.5), inSize) - min;
            static double Sinc(double x) => x == 0 ? 1 : Math.Sin(x * Math.PI) / (x * Math.PI);
            var wts = Enumerable
                .Range(0, n)
                .Select(i => (i + min - center + 0.5) / filter)
                .Select(x => x >= -3 && x < 3 ? Sinc(x) * Sinc(x / 3) : 0)
                .ToArray();
            double sum = wts.Sum();
            var c = wts.Select(v => sum != 0 ? v / sum : v).Select(v => (int)(v < 0 ? -0.5 + v * (1 << bits) : 0.5 + v * (1 << bits)));
            return (min, c.ToArray());
        }
        static byte Clip(long v) => (byte)Math.Clamp(v >> bits, 0, 255);
        var mid = new byte[src.Height * w * 3];
        for (int y = 0; y < src.Height; y++)
        for (int x = 0; x < w; x++)
        {
            var (min, c) = Taps(src.Width, outW, x0 + x);
            for (int ch = 0; ch < 3; ch++)
                mid[(y * w + x) * 3 + ch] = Clip(
                    (1 << (bits - 1)) + c.Select((k, i) => (long)k * src.Pixels[((y * src.Width) + min + i) * 3 + ch]).Sum()
                );
        }
        var dst = new RgbImage(w, h);
        for (int y = 0; y < h; y++)
        {
            var (min, c) = Taps(src.Height, outH, y0 + y);
            for (int i = 0; i < w * 3; i++)
                dst.Pixels[y * w * 3 + i] = Clip((1 << (bits - 1)) + c.Select((k, t) => (long)k * mid[(min + t) * w * 3 + i]).Sum());
        }
        return dst;
    }

    [Theory]
    [InlineData("coffee.png", 224, 168, 0, 0, 224, 168)] // a plain downscale
    [InlineData("coffee.png", 320, 320, 0, 0, 320, 320)] // squashed, as the line detector's input
    [InlineData("chelsea.png", 299, 224, 37, 0, 224, 224)] // the centre crop of the model's view
    [InlineData("rocket.jpg", 1111, 803, 101, 57, 333, 190)] // upscaled, an odd window
    [InlineData("astronaut.png", 17, 9, 0, 0, 17, 9)] // tiny: the horizontal pass on the calling thread
    public void LanczosGivesPillowsPixelsExactly(string sample, int outW, int outH, int x0, int y0, int w, int h)
    {
        var src = Sample(sample);
        var ours = LanczosResizer.ResizeWindow(src, outW, outH, x0, y0, w, h);
        var reference = ReferenceLanczos(src, outW, outH, x0, y0, w, h);
        int differing = ours.Pixels.Zip(reference.Pixels).Count(p => p.First != p.Second);
        Assert.True(differing == 0, $"{differing} of {ours.Pixels.Length} values differ from Pillow's arithmetic");
    }

    [Fact]
    public void BoxAverageIsEachBlocksRoundedMean()
    {
        var src = Sample("rocket.jpg");
        foreach (var (kx, ky) in new[] { (2, 1), (3, 3), (5, 2) })
        {
            var ours = BoxShrink.Average(src, kx, ky);
            Assert.Equal((src.Width / kx, src.Height / ky), (ours.Width, ours.Height));
            for (int y = 0; y < ours.Height; y += 7)
            for (int x = 0; x < ours.Width; x += 5)
            for (int ch = 0; ch < 3; ch++)
            {
                int sum = 0;
                for (int dy = 0; dy < ky; dy++)
                for (int dx = 0; dx < kx; dx++)
                    sum += src.Pixels[((y * ky + dy) * src.Width + x * kx + dx) * 3 + ch];
                Assert.Equal((sum + kx * ky / 2) / (kx * ky), ours.Pixels[(y * ours.Width + x) * 3 + ch]);
            }
        }
    }

    [Fact]
    public void NativeMeasuresDoNotDependOnWhatWasMeasuredBefore()
    {
        var coffee = Sample("coffee.png");
        var first = NativeMeasures.Of(coffee);
        // A larger image, then a noisy small one, leave their values in the pooled planes the next call reuses.
        NativeMeasures.Of(Sample("rocket.jpg"));
        var noisy = new RgbImage(50, 40);
        new Random(3).NextBytes(noisy.Pixels);
        NativeMeasures.Of(noisy);
        Assert.Equal(first, NativeMeasures.Of(coffee));
        Assert.True(first.Noise > 0 && first.Blockiness >= 1, $"{first}");
    }
}
