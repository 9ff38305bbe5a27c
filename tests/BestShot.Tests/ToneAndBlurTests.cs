using BestShot.Core.Features;
using BestShot.Core.Imaging;
using BestShot.Lab.Synth;

namespace BestShot.Tests;

/// <summary>The v2 measures read blur and exposure nearly apart from the scene, on the four sample photos.</summary>
public class ToneAndBlurTests
{
    static readonly RgbImage[] Photos = Directory
        .GetFiles(TestPaths.Samples)
        .Where(p => !p.EndsWith(".md", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .Select(p => Preprocessor.CenterView(ImageDecoder.Decode(p)))
        .ToArray();

    [Fact]
    public void EveryBlurredPhotoReadsBlurrierThanEverySharpOneWhateverItsExposure()
    {
        Assert.Equal(4, Photos.Length);
        var sharp = Photos.Select(ToneAndBlur.ReblurBlur).ToArray();
        var blurred = Photos.Select(p => ToneAndBlur.ReblurBlur(Degrade.GaussianBlur(p, 3))).ToArray();
        var dark = Photos.Select(p => ToneAndBlur.ReblurBlur(Degrade.Exposure(p, 0.5))).ToArray();
        string all =
            $"sharp {string.Join(", ", sharp.Select(v => v.ToString("F3")))}; "
            + $"blurred {string.Join(", ", blurred.Select(v => v.ToString("F3")))}";
        Assert.True(blurred.Min() > sharp.Max(), all);
        // Halving the exposure halves every difference, which the ratio cancels; the Laplacian variance falls by 4.
        for (int i = 0; i < Photos.Length; i++)
            Assert.True(Math.Abs(dark[i] - sharp[i]) < 0.03, $"photo {i}: {sharp[i]:F3} → {dark[i]:F3} at half exposure");
    }

    [Fact]
    public void TheBrightestPercentileFollowsTheExposureAndNotTheBlur()
    {
        foreach (var photo in Photos)
        {
            double bright = ToneAndBlur.BrightLuma(photo);
            Assert.InRange(ToneAndBlur.BrightLuma(Degrade.Exposure(photo, 0.5)), 0.45 * bright, 0.55 * bright);
            Assert.InRange(ToneAndBlur.BrightLuma(Degrade.GaussianBlur(photo, 2)), 0.85 * bright, 1.01 * bright);
        }
    }
}
