using System.Text.Json;
using BestShot.Core.Features;
using BestShot.Core.Imaging;
using BestShot.Lab.Eval;
using BestShot.Lab.Synth;

namespace BestShot.Tests;

/// <summary>The one-line quality measures, and the cross-photo AUC that eval reports for the model and for them.</summary>
[Trait("Category", "Slow")]
public class NativeMeasuresTests
{
    static RgbImage Coffee => ImageDecoder.Decode(Path.Combine(TestPaths.Samples, "coffee.png"));

    static RgbImage WithNoise(RgbImage src, double sigma, int seed)
    {
        var rng = new Random(seed);
        var dst = new RgbImage(src.Width, src.Height);
        for (int i = 0; i < src.Pixels.Length; i += 3)
        {
            double n = Degrade.Gaussian(rng) * sigma; // the same on every channel: luma noise of σ
            for (int c = 0; c < 3; c++)
                dst.Pixels[i + c] = Degrade.ToByte((float)(src.Pixels[i + c] + n));
        }
        return dst;
    }

    [Fact]
    public void NoiseEstimateReadsTheSigmaOfAddedNoise()
    {
        var grey = new RgbImage(400, 300);
        Array.Fill(grey.Pixels, (byte)128);
        Assert.Equal(0, NativeMeasures.Of(grey).Noise, 3);
        Assert.InRange(NativeMeasures.Of(WithNoise(grey, 8, 1)).Noise, 7.2, 8.8);
        // On a real photo: its own texture reads as little noise; σ 8 added on top shows.
        double clean = NativeMeasures.Of(Coffee).Noise,
            noisy = NativeMeasures.Of(WithNoise(Coffee, 8, 2)).Noise;
        Assert.True(clean < 3 && noisy > clean + 5, $"noise estimate {clean:F2} → {noisy:F2}");
    }

    [Fact]
    public void BlurClippingAndBlocksMoveTheirMeasures()
    {
        var original = NativeMeasures.Of(Coffee);
        var blurred = NativeMeasures.Of(Degrade.GaussianBlur(Coffee, 2.5));
        Assert.True(
            blurred.LaplacianVariance < 0.2 * original.LaplacianVariance,
            $"{original.LaplacianVariance} → {blurred.LaplacianVariance}"
        );
        Assert.True(blurred.MeanGradient < 0.6 * original.MeanGradient, $"{original.MeanGradient} → {blurred.MeanGradient}");

        Assert.True(original.Clipped < 0.05, $"clipped {original.Clipped}");
        Assert.True(NativeMeasures.Of(Degrade.Exposure(Coffee, 3)).Highlights > 0.2);
        Assert.True(NativeMeasures.Of(Degrade.Exposure(Coffee, 0.05)).Shadows > 0.5);

        string jpeg = Path.Combine(TestPaths.TempDir("blocks"), "q5.jpg");
        ImageEncoder.SaveJpeg(Coffee, jpeg, 5);
        double blocky = NativeMeasures.Of(ImageDecoder.Decode(jpeg)).Blockiness;
        Assert.InRange(original.Blockiness, 0.85, 1.15);
        Assert.True(blocky > 1.3, $"blockiness of a q5 JPEG {blocky:F2}");
        // A crop whose corner is off the file's 8×8 grid (as the detail crops' usually are) still shows its blocks.
        double offGrid = NativeMeasures.Of(ImageDecoder.Decode(jpeg).Crop(3, 5, 160, 160)).Blockiness;
        Assert.True(offGrid > 1.3, $"blockiness of a crop of a q5 JPEG off the grid {offGrid:F2}");
    }

    [Fact]
    public void CrossPhotoAucComparesOriginalsWithOtherPhotosCopies()
    {
        // Photo a: original 5, copy 4. Photo b: original 3, copy 1. Photo c: original 2, copy 2.5.
        var originals = new Dictionary<string, double>
        {
            ["a"] = 5,
            ["b"] = 3,
            ["c"] = 2,
        };
        var copies = new List<(string, double)> { ("a", 4), ("b", 1), ("c", 2.5) };
        // Pairs (original, other photo's copy): a>1, a>2.5, b<4, b>2.5, c<4, c>1 → 4 of 6.
        Assert.Equal(4 / 6.0, DegradationReport.CrossPhotoAuc(originals, copies), 9);
        Assert.Equal(0.5, DegradationReport.CrossPhotoAuc(new Dictionary<string, double> { ["a"] = 1 }, [("b", 1)]));
        Assert.True(double.IsNaN(DegradationReport.CrossPhotoAuc(new Dictionary<string, double> { ["a"] = 1 }, [("a", 0)])));
    }

    [Fact]
    public void EvalReportsCrossPhotoAucForTheModelAndTheOneLineMeasures()
    {
        // Ten source photos cut from the samples, spoiled 42 ways each; the built-in model and five one-line measures.
        string sources = TestPaths.TempDir("cross-sources");
        int n = 0;
        foreach (var file in Directory.GetFiles(TestPaths.Samples).Where(PhotoFiles.IsPhoto).OrderBy(f => f))
        {
            var img = ImageDecoder.Decode(file);
            foreach (var (x, y) in new[] { (0, 0), (img.Width / 3, img.Height / 3), (img.Width / 4, 0) })
                if (n < 10)
                    ImageEncoder.SaveJpeg(
                        img.Crop(x, y, img.Width * 2 / 3, img.Height * 2 / 3),
                        Path.Combine(sources, $"s{n++:D2}.jpg"),
                        95
                    );
        }
        string data = Path.Combine(TestPaths.TempDir("cross-data"), "deg");
        Assert.Equal(0, CliRunner.InProcess("synth", "degradations", "--photos", sources, "--out", data, "--max-side", "320").ExitCode);
        string model = Path.Combine(TestPaths.RepoRoot, "models", "default.head.onnx");

        var r = CliRunner.InProcess("eval", model, data, "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        // Issue 27: every within-photo pair too, beside the seed's n/2 pairs (43 versions of one source: 903 pairs each).
        var all = doc.RootElement.GetProperty("all_pairs");
        Assert.True(all.GetProperty("pairs").GetInt32() > 10 * doc.RootElement.GetProperty("pairs").GetInt32());
        Assert.InRange(all.GetProperty("pairwise_accuracy").GetDouble(), 0.5, 1);
        var rows = doc.RootElement.GetProperty("degradations").EnumerateArray().ToList();
        Assert.Equal(3 * BestShot.Lab.Synth.Degradation.All.Length, rows.Count);
        Assert.All(rows, row => Assert.InRange(row.GetProperty("cross_photo_auc").GetDouble(), 0, 1));
        var quality = doc.RootElement.GetProperty("quality_baselines").EnumerateArray().ToList();
        Assert.Equal(
            ["Laplacian variance, native", "Laplacian variance, 224 px", "mean gradient", "fewest clipped pixels", "lowest noise"],
            quality.Select(q => q.GetProperty("name").GetString())
        );
        // Sharpness measures know blur by construction: within a photo the blurred copy reads lower almost always.
        double BlurWins(JsonElement q) =>
            q.GetProperty("degradations")
                .EnumerateArray()
                .Where(x => x.GetProperty("kind").GetString() == "GaussianBlur" && x.GetProperty("severity").GetInt32() == 3)
                .Single()
                .GetProperty("original_wins")
                .GetDouble();
        Assert.Equal(1.0, BlurWins(quality[0]));

        var table = CliRunner.InProcess("eval", model, data);
        Assert.Contains("the model against one-line quality measures", table.Stdout);
        Assert.Contains("Laplacian variance, 224 px", table.Stdout);
        Assert.Contains("AUC med", table.Stdout);
    }

    [Fact]
    public void KthSmallestIsWhatSortingGives()
    {
        var rng = new Random(3);
        foreach (int n in new[] { 1, 2, 3, 10, 101, 5000 })
        foreach (int distinct in new[] { 2, 50, 1_000_000 }) // many duplicates, some, none
        {
            var values = Enumerable.Range(0, n).Select(_ => (float)rng.Next(distinct)).ToArray();
            var sorted = values.OrderBy(v => v).ToArray();
            foreach (int k in new[] { 0, n / 2, n - 1 })
                Assert.Equal(sorted[k], NativeMeasures.KthSmallest((float[])values.Clone(), k));
        }
    }
}
