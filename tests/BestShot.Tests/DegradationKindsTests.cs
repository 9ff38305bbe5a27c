using BestShot.Core.Features;
using BestShot.Core.Imaging;
using BestShot.Lab.Synth;

namespace BestShot.Tests;

/// <summary>The spoilers added for real-world damage: combined phone processing, vignetting, a subject cut by the frame.</summary>
public class DegradationKindsTests
{
    static readonly RgbImage Photo = ImageDecoder.Decode(Path.Combine(TestPaths.Samples, "coffee.png"));

    static double MeanLuma(RgbImage img, int x0, int y0, int w, int h)
    {
        double sum = 0;
        for (int y = y0; y < y0 + h; y++)
        for (int x = x0; x < x0 + w; x++)
        {
            int i = (y * img.Width + x) * 3;
            sum += 0.299 * img.Pixels[i] + 0.587 * img.Pixels[i + 1] + 0.114 * img.Pixels[i + 2];
        }
        return sum / (w * h);
    }

    [Fact]
    public void VignetteDarkensTheCornersAndLeavesTheCentre()
    {
        var grey = new RgbImage(300, 200);
        Array.Fill(grey.Pixels, (byte)200);
        var v = Degrade.Vignette(grey, Degradation.Amount(DegradationKind.Vignette, 2));
        Assert.InRange(MeanLuma(v, 140, 90, 20, 20), 195, 200);
        Assert.InRange(MeanLuma(v, 0, 0, 4, 4), 200 * (1 - 0.65) - 3, 200 * (1 - 0.65) + 12);
    }

    [Fact]
    public void SubjectCutPutsTheFrameEdgeNearThePhotosCentre()
    {
        // A bright square "subject" in the middle of a dark frame: the cut keeps only part of it, against the left edge.
        var scene = new RgbImage(400, 300);
        for (int y = 120; y < 180; y++)
        for (int x = 170; x < 230; x++)
            scene.Pixels[(y * 400 + x) * 3] = scene.Pixels[(y * 400 + x) * 3 + 1] = scene.Pixels[(y * 400 + x) * 3 + 2] = 255;
        var cut = Degrade.SubjectCut(scene, 0.03, side: 0);
        Assert.Equal((212, 159), (cut.Width, cut.Height)); // 53 % of each side
        Assert.True(MeanLuma(cut, 0, 60, 15, 20) > 250, "the subject touches the left edge");
        Assert.True(MeanLuma(cut, 60, 60, 20, 20) < 5, "and most of it is outside the frame"); // it spans crop x −18 to 42
    }

    [Fact]
    public void PhonePipelineSpoilsMoreWithEachSeverityAndIsReproducible()
    {
        var copies = new[] { 1, 2, 3 }.Select(s => PhonePipeline.Apply(Photo, s, 1, new Random(7))).ToList();
        // Each severity strays further from the original, and the high one shows JPEG blocks.
        var mse = copies.Select(c => c.Pixels.Zip(Photo.Pixels, (a, b) => (a - b) * (double)(a - b)).Average()).ToList();
        Assert.True(mse[0] < mse[1] && mse[1] < mse[2], string.Join(" < ", mse.Select(m => m.ToString("F0"))));
        double before = NativeMeasures.Of(Photo).Blockiness,
            after = NativeMeasures.Of(copies[2]).Blockiness;
        Assert.True(after > before + 0.05, $"blockiness {before:F2} → {after:F2}");
        Assert.True(MeanLuma(PhonePipeline.Apply(Photo, 3, 1, new Random(7)), 0, 0, 600, 400) < 0.8 * MeanLuma(Photo, 0, 0, 600, 400));
        Assert.Equal(PhonePipeline.Apply(Photo, 2, 1, new Random(3)).Pixels, PhonePipeline.Apply(Photo, 2, 1, new Random(3)).Pixels);
    }

    [Fact]
    public void AddingKindsKeepsTheEarlierCopiesByteIdentical()
    {
        // Kinds draw from each photo's random stream in order, so appending kinds leaves every earlier copy as it was,
        // and so do the feature caches keyed by its content.
        string root = TestPaths.TempDir("kinds");
        string photos = Path.Combine(root, "photos");
        Directory.CreateDirectory(photos);
        File.Copy(Path.Combine(TestPaths.Samples, "coffee.png"), Path.Combine(photos, "coffee.png"));
        var older = Degradation.All.TakeWhile(k => k != DegradationKind.PhonePipeline).ToArray();
        DegradationsSynth.Write(Path.Combine(root, "old"), new DegradationsSynthOptions { Photos = photos, Kinds = older });
        DegradationsSynth.Write(Path.Combine(root, "new"), new DegradationsSynthOptions { Photos = photos });
        var oldFiles = Directory.GetFiles(Path.Combine(root, "old", "images"), "*.jpg", SearchOption.AllDirectories);
        Assert.Equal(1 + 3 * older.Length, oldFiles.Length);
        foreach (var f in oldFiles)
            Assert.Equal(File.ReadAllBytes(f), File.ReadAllBytes(f.Replace(Path.Combine(root, "old"), Path.Combine(root, "new"))));
        Assert.Equal(
            1 + 3 * Degradation.All.Length,
            Directory.GetFiles(Path.Combine(root, "new", "images"), "*.jpg", SearchOption.AllDirectories).Length
        );
    }
}
