using BestShot.Core.Features;
using BestShot.Core.Imaging;
using BestShot.Lab.Synth;

namespace BestShot.Tests;

/// <summary>The v2, v3 and v4 measures read blur and exposure nearly apart from the scene, on the four sample photos.</summary>
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

    [Fact]
    public void TheEdgeSteepnessRisesWithEveryBlurAndBarelyMovesWithTheExposureOrContrast()
    {
        foreach (int radius in new[] { 6, 14 })
            for (int i = 0; i < Photos.Length; i++)
            {
                var photo = Photos[i];
                var read = new[] { 0.0, 1.5, 3, 6 }
                    .Select(s => EdgeSteepness.Of(s == 0 ? photo : Degrade.GaussianBlur(photo, s), radius))
                    .ToArray();
                string all = string.Join(" → ", read.Select(v => v.ToString("F3")));
                for (int k = 1; k < read.Length; k++)
                    Assert.True(read[k] > read[k - 1] + 0.02, $"photo {i}, radius {radius}, σ 0 → 1.5 → 3 → 6: {all}");
                // Half the exposure halves every gradient and every range alike; the Laplacian variance falls by 4.
                double dark = EdgeSteepness.Of(Degrade.Exposure(photo, 0.5), radius);
                Assert.True(Math.Abs(dark - read[0]) < 0.03, $"photo {i}, radius {radius}: {read[0]:F3} → {dark:F3} at half exposure");
            }
    }

    [Fact]
    public void APhotoTooDarkForTheContrastThresholdStillReadsItsEdges()
    {
        // At a fourteenth of the exposure (luma under 19) no square spans 20 levels; they used to read as blurred as a
        // flat image (1), an outlier against every other photo's 0.2–0.7.
        for (int i = 0; i < Photos.Length; i++)
        {
            double sharp = EdgeSteepness.Of(Photos[i], 6),
                dark = EdgeSteepness.Of(Degrade.Exposure(Photos[i], 1.0 / 14), 6);
            Assert.True(Math.Abs(dark - sharp) < 0.1, $"photo {i}: {sharp:F3} → {dark:F3} at a fourteenth of the exposure");
        }
    }

    [Fact]
    public void AFlatImageReadsAsBlurredAsTheMeasureGoes()
    {
        var flat = new RgbImage(64, 48);
        Array.Fill(flat.Pixels, (byte)128);
        Assert.Equal(1, EdgeSteepness.Of(flat, 6));
        Assert.Equal(1, EdgeSteepness.Of(new RgbImage(2, 2), 6));
    }
}
