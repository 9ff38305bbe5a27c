using BestShot.Core.Features;
using BestShot.Core.Imaging;
using BestShot.Lab.Synth;

namespace BestShot.Tests;

/// <summary>The v2 and v3 measures read blur and exposure nearly apart from the scene, on the four sample photos.</summary>
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

    [Fact]
    public void TheWideReblurTellsAStrongBlurFromAStrongerOneWhereTheNarrowOneSaturates()
    {
        foreach (var photo in Photos)
        {
            var strong = Degrade.GaussianBlur(photo, 4);
            var stronger = Degrade.GaussianBlur(photo, 8);
            double narrow = ToneAndBlur.ReblurBlur(stronger) - ToneAndBlur.ReblurBlur(strong);
            double wide = ToneAndBlur.WideReblurBlur(stronger) - ToneAndBlur.WideReblurBlur(strong);
            Assert.True(wide > 0.05 && wide > 1.5 * narrow, $"σ 4 → 8: the 25-pixel box moves {wide:F3}, the 9-pixel one {narrow:F3}");
            Assert.True(Math.Abs(ToneAndBlur.WideReblurBlur(Degrade.Exposure(photo, 0.5)) - ToneAndBlur.WideReblurBlur(photo)) < 0.03);
        }
    }

    [Fact]
    public void TheTopLumaFollowsTheExposure()
    {
        foreach (var photo in Photos)
        {
            double top = ToneAndBlur.TopLuma(photo);
            Assert.True(top >= ToneAndBlur.BrightLuma(photo));
            Assert.InRange(ToneAndBlur.TopLuma(Degrade.Exposure(photo, 0.5)), 0.45 * top, 0.55 * top);
        }
    }
}
