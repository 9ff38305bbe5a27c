using BestShot.Core.Features;
using BestShot.Core.Imaging;

namespace BestShot.Tests;

public class FeatureCacheTests
{
    [Fact]
    public void SecondExtractionReadsTheCacheAndViewsAreReproducible()
    {
        string dir = TestPaths.TempDir("cache");
        var photos = Directory.GetFiles(TestPaths.Samples).Where(PhotoFiles.IsPhoto).OrderBy(p => p).ToList();
        var options = new ExtractOptions { AugmentedViews = 2, CachePath = Path.Combine(dir, "features.sqlite") };

        var first = FeatureExtractor.Extract(photos, options);
        Assert.Equal(photos.Count * 3, first.ComputedViews);
        var second = FeatureExtractor.Extract(photos, options);
        Assert.Equal(0, second.ComputedViews);
        foreach (var p in photos)
            for (int v = 0; v < 3; v++)
                Assert.Equal(first.Views[p].Views[v], second.Views[p].Views[v]);

        // Augmented views differ from the plain view, and from each other.
        var views = first.Views[photos[0]].Views;
        Assert.NotEqual(views[0], views[1]);
        Assert.NotEqual(views[1], views[2]);

        // A copy of a photo under another name is the same content: a cache hit.
        string copy = Path.Combine(dir, "renamed.png");
        File.Copy(photos[1], copy);
        Assert.Equal(0, FeatureExtractor.Extract([copy], options).ComputedViews);

        // Extraction from a fresh cache recomputes exactly the same numbers (augmentation is seeded by content).
        var again = FeatureExtractor.Extract(photos, options with { CachePath = Path.Combine(dir, "other.sqlite") });
        Assert.Equal(first.Views[photos[2]].Views[2], again.Views[photos[2]].Views[2]);
    }

    [Fact]
    public void AugmentationIsLightAndSeeded()
    {
        var view = Preprocessor.CenterView(ImageDecoder.Decode(Path.Combine(TestPaths.Samples, "coffee.png")));
        var a = Augment.Apply(view, 42);
        var b = Augment.Apply(view, 42);
        Assert.Equal(a.Pixels, b.Pixels);
        Assert.NotEqual(view.Pixels, a.Pixels);
        // The identity warp returns the image unchanged; a mirror flip mirrors it exactly.
        Assert.Equal(view.Pixels, Augment.Warp(view, false, 0, 0, 0, 1).Pixels);
        var flipped = Augment.Warp(view, true, 0, 0, 0, 1);
        for (int x = 0; x < 224; x += 37)
        for (int c = 0; c < 3; c++)
            Assert.Equal(view.Pixels[(10 * 224 + x) * 3 + c], flipped.Pixels[(10 * 224 + 223 - x) * 3 + c]);
        // No colour change: the mean colour of the central region moves by only a little.
        double Mean(RgbImage im) =>
            Enumerable
                .Range(56, 112)
                .SelectMany(y => Enumerable.Range(56 * 3, 112 * 3).Select(i => (double)im.Pixels[y * 224 * 3 + i]))
                .Average();
        Assert.InRange(Math.Abs(Mean(a) - Mean(view)), 0, 12);
    }
}

public class ExtractorKeyTests
{
    [Fact]
    public void CacheKeyChangesWithPrecisionAndAugmentation()
    {
        var plain = new ExtractOptions();
        Assert.Equal(FeatureExtractor.ExtractorId, FeatureExtractor.ExtractorFor(plain));
        Assert.NotEqual(FeatureExtractor.ExtractorFor(plain), FeatureExtractor.ExtractorFor(plain with { Int8 = true }));
        var noRotation = plain with { Augment = new AugmentOptions { MaxRotationDegrees = 0 } };
        Assert.NotEqual(FeatureExtractor.ExtractorFor(plain), FeatureExtractor.ExtractorFor(noRotation));
    }
}
