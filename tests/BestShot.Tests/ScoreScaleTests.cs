using BestShot.Core.Score;
using BestShot.Lab.Synth;
using static BestShot.Tests.PostBuilder;

namespace BestShot.Tests;

/// <summary>The 0–100 scale: anchors measured on validation photos, a logistic through them, stored in model metadata.</summary>
public class ScoreScaleTests
{
    [Fact]
    public void CleanOriginalsMapTo70AndRuinedCopiesTo10()
    {
        // Three photos: originals score 2, 3, 4 (median 3); high-severity copies −1, −2, −3 (median −2); mild ones ignored.
        var posts = new[] { "a", "b", "c" }
            .SelectMany(u => new[] { P(u, 1000, $"{u}__original"), P(u, 700, $"{u}__Jpeg_1"), P(u, 350, $"{u}__Noise_3") })
            .ToList();
        var scores = new Dictionary<string, double>
        {
            ["a__original"] = 2,
            ["b__original"] = 3,
            ["c__original"] = 4,
            ["a__Jpeg_1"] = 9, // severity 1: not an anchor
            ["b__Jpeg_1"] = 9,
            ["c__Jpeg_1"] = 9,
            ["a__Noise_3"] = -1,
            ["b__Noise_3"] = -2,
            ["c__Noise_3"] = -3,
        };
        var scale = ScoreScale.Fit(posts, scores, DegradationsSynth.ScaleAnchor)!;
        Assert.Equal((3.0, -2.0), (scale.Clean, scale.Ruined));
        Assert.Equal(70, scale.To100(3), 9);
        Assert.Equal(10, scale.To100(-2), 9);
        // Monotone and inside (0, 100), far outside the anchors too.
        var raws = new[] { -50.0, -2, 0, 3, 8, 50 };
        var points = raws.Select(scale.To100).ToArray();
        Assert.Equal(points.OrderBy(p => p), points);
        Assert.All(points, p => Assert.InRange(p, 0, 100));
        Assert.True(scale.To100(8) > 95 && scale.To100(-6) < 2, $"{scale.To100(8)} {scale.To100(-6)}");
    }

    [Fact]
    public void LikesDataUseTheTopAndBottomQuarterOfLabels()
    {
        var posts = Enumerable.Range(1, 8).Select(i => P("u", i * 10, $"u-{i}")).ToList();
        var scores = posts.ToDictionary(p => p.PostId, p => p.Likes / 10.0); // scores 1..8 follow the labels
        var scale = ScoreScale.Fit(posts, scores, DegradationsSynth.ScaleAnchor)!;
        Assert.Equal((7.5, 1.5), (scale.Clean, scale.Ruined)); // medians of {7, 8} and {1, 2}
        // A model whose scores run against the labels has no meaningful scale.
        Assert.Null(ScoreScale.Fit(posts, posts.ToDictionary(p => p.PostId, p => -p.Likes), DegradationsSynth.ScaleAnchor));
    }

    [Theory]
    [InlineData("{\"clean\": 1.5, \"ruined\": -0.25}", true)]
    [InlineData("{\"clean\": -1, \"ruined\": 1}", false)]
    [InlineData("{\"clean\": 1}", false)]
    [InlineData("not json", false)]
    public void ReadsTheScaleFromModelMetadataAndRefusesBadOnes(string json, bool valid)
    {
        var scale = ScoreScale.From(new Dictionary<string, string> { [ScoreScale.MetadataKey] = json });
        Assert.Equal(valid, scale != null);
        if (scale != null)
            Assert.Equal(scale, ScoreScale.From(new Dictionary<string, string> { [ScoreScale.MetadataKey] = scale.ToJson() }));
        Assert.Null(ScoreScale.From(new Dictionary<string, string>()));
    }
}
