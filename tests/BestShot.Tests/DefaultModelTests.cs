using BestShot.Core.Features;
using BestShot.Core.Imaging;
using BestShot.Core.Score;
using BestShot.Lab.Synth;

namespace BestShot.Tests;

/// <summary>The shipped model on photos it never saw: the four samples, spoiled in known ways.</summary>
public class DefaultModelTests
{
    [Theory]
    [InlineData("int8")]
    [InlineData("fp32")]
    public void ShippedModelPrefersEachOriginalToItsSpoiledCopies(string precision)
    {
        string dir = TestPaths.TempDir("default-model");
        var cases = new (DegradationKind Kind, int Severity)[]
        {
            (DegradationKind.Jpeg, 2),
            (DegradationKind.GaussianBlur, 3),
            (DegradationKind.Noise, 3),
            (DegradationKind.Underexposure, 3),
            (DegradationKind.Defocus, 3),
        };
        var requests = new List<ScoreRequest>();
        var meta = SimulatedMetadata.Seed.Features();
        foreach (var sample in Directory.GetFiles(TestPaths.Samples).Where(PhotoFiles.IsPhoto).OrderBy(p => p))
        {
            var photo = ImageDecoder.Decode(sample);
            string name = Path.GetFileNameWithoutExtension(sample);
            string original = Path.Combine(dir, $"{name}__original.jpg");
            ImageEncoder.SaveJpeg(photo, original, 95);
            requests.Add(new ScoreRequest(original, meta));
            var rng = new Random(1);
            foreach (var (kind, s) in cases)
            {
                string path = Path.Combine(dir, $"{name}__{kind}_{s}.jpg");
                ImageEncoder.SaveJpeg(Degradation.Apply(photo, kind, s, rng), path, Degradation.JpegQuality(kind, s));
                requests.Add(new ScoreRequest(path, meta));
            }
        }
        using var scorer = OnnxScorer.Open(null, null, int8: precision == "int8");
        // The model of issue 11: one backbone pass and the native measures, no CNN detail crops, and a 0–100 scale.
        Assert.Equal(0, scorer.DetailCrops);
        Assert.True(scorer.NativeMeasures);
        Assert.NotNull(scorer.Scale);
        Assert.Equal(precision, scorer.Precision);
        var scores = BatchScorer.Score(scorer, requests);
        var byPath = requests.Select((r, i) => (r.Path, Score: scores[i]!.Score)).ToDictionary(x => x.Path, x => x.Score);
        var wrong = byPath
            .Where(kv => !kv.Key.Contains("__original"))
            .Where(kv => kv.Value >= byPath[kv.Key[..kv.Key.IndexOf("__", StringComparison.Ordinal)] + "__original.jpg"])
            .Select(kv => Path.GetFileName(kv.Key))
            .ToList();
        Assert.True(wrong.Count == 0, "spoiled copies scored at least as high as their original: " + string.Join(", ", wrong));
    }
}
