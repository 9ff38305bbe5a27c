using BestShot.Core.Features;
using BestShot.Core.Imaging;
using BestShot.Lab.Synth;

namespace BestShot.Tests;

/// <summary>The head's native-resolution measures, on crops of a real photo and its spoiled copies.</summary>
public class DetailMeasuresTests
{
    static readonly RgbImage Photo = ImageDecoder.Decode(Path.Combine(TestPaths.Samples, "coffee.png"));

    static float[] Measure(RgbImage image) =>
        DetailMeasures.Compute(Preprocessor.CenterView(image), [image.Crop(40, 40, 224, 224), image.Crop(260, 120, 224, 224)]);

    static int Index(string name) => Array.IndexOf(DetailMeasures.Names, name);

    [Fact]
    public void EachSpoilerMovesItsOwnMeasure()
    {
        var clean = Measure(Photo);
        Assert.Equal(DetailMeasures.Count, clean.Length);
        Assert.All(clean, v => Assert.InRange(v, -1, 2));

        var blurred = Measure(Degrade.GaussianBlur(Photo, 2.5));
        Assert.True(blurred[Index("crop_log_laplacian_variance")] < clean[Index("crop_log_laplacian_variance")] - 0.1);
        Assert.True(blurred[Index("crop_log_mean_gradient")] < clean[Index("crop_log_mean_gradient")]);

        var noisy = Measure(Degrade.Noise(Photo, 12, new Random(1)));
        Assert.True(noisy[Index("crop_log_noise")] > clean[Index("crop_log_noise")] + 0.2, $"{noisy[2]} vs {clean[2]}");

        string jpeg = Path.Combine(TestPaths.TempDir("measures"), "q5.jpg");
        ImageEncoder.SaveJpeg(Photo, jpeg, 5);
        var blocky = Measure(ImageDecoder.Decode(jpeg));
        Assert.True(blocky[Index("crop_log_blockiness")] > clean[Index("crop_log_blockiness")] + 0.2, $"{blocky[3]} vs {clean[3]}");

        var bright = Measure(Degrade.Exposure(Photo, 3));
        int h = Index("view_highlights");
        Assert.True(bright[h] > clean[h] + 0.1 && clean[h] < 0.05, $"highlights {clean[h]} → {bright[h]}");
    }

    [Fact]
    public void AModelReadsTheMeasuresOfItsVersionAndAnotherVersionIsRefused()
    {
        int Count(string? version) =>
            DetailMeasures.CountOf(version == null ? [] : new Dictionary<string, string> { [DetailMeasures.MetadataKey] = version });
        Assert.Equal(0, Count(null));
        Assert.Equal(8, Count("v1")); // the built-in model
        Assert.Equal(DetailMeasures.Count, Count(DetailMeasures.Version));
        Assert.Equal(10, Count("v2"));
        Assert.Equal(12, Count("v3"));
        Assert.Equal(14, DetailMeasures.Count);
        Assert.False(DetailMeasures.Used(new Dictionary<string, string>()));
        var e = Assert.Throws<InvalidDataException>(() => Count("v0"));
        Assert.Contains("v0", e.Message);
        // Each version's measures are the next one's first, so one computation serves all four.
        var all = Measure(Photo);
        var view = Preprocessor.CenterView(Photo);
        Assert.Equal(all[..8], DetailMeasures.Compute(view, [Photo.Crop(40, 40, 224, 224), Photo.Crop(260, 120, 224, 224)], 8));
        Assert.Equal(all[..10], DetailMeasures.Compute(view, [Photo.Crop(40, 40, 224, 224), Photo.Crop(260, 120, 224, 224)], 10));
        Assert.Equal(all[..12], DetailMeasures.Compute(view, [Photo.Crop(40, 40, 224, 224), Photo.Crop(260, 120, 224, 224)], 12));
    }
}
