using BestShot.Core.Features;
using BestShot.Core.Imaging;
using BestShot.Core.Model;
using BestShot.Core.Score;
using BestShot.Lab.Synth;

namespace BestShot.Tests;

/// <summary>The colour/framing statistics move the way a photographer would expect when a real photo is spoiled.</summary>
public class ImageStatisticsTests
{
    // Layout of the vector (see ImageStatistics): 13 luma CDF points, clipped, crushed, 3 means, 3 stds, saturation, 16 bins.
    const int Cdf51 = 3,
        Cdf128 = 6,
        Clipped = 13,
        Crushed = 14,
        Means = 15,
        Stds = 18,
        Orientation = 22;

    static readonly ImageStatistics.Session Statistics = new();

    static float[] Of(RgbImage image) => Statistics.Compute(Preprocessor.ToTensor(Preprocessor.CenterView(image)), 1);

    static IEnumerable<RgbImage> Samples() =>
        Directory.GetFiles(TestPaths.Samples).Where(PhotoFiles.IsPhoto).OrderBy(p => p).Select(p => ImageDecoder.Decode(p));

    static RgbImage Spoil(RgbImage photo, DegradationKind kind, int severity) => Degradation.Apply(photo, kind, severity, new Random(3));

    [Fact]
    public void StatisticsAreFractionsAndMeansInRange()
    {
        var flat = new RgbImage(300, 240);
        Array.Fill(flat.Pixels, (byte)77); // a flat frame: zero variance and no edges must not give NaN
        foreach (var photo in Samples().Append(flat))
        {
            var s = Of(photo);
            Assert.Equal(ImageStatistics.Count, s.Length);
            Assert.All(s, v => Assert.InRange(v, 0f, 1f));
            for (int i = 1; i < 13; i++)
                Assert.True(s[i] >= s[i - 1], "a CDF never falls");
        }
    }

    [Fact]
    public void ExposureMovesTheTones()
    {
        foreach (var photo in Samples())
        {
            var s = Of(photo);
            var over = Of(Spoil(photo, DegradationKind.Overexposure, 3));
            var under = Of(Spoil(photo, DegradationKind.Underexposure, 3));
            Assert.True(over[Clipped] > s[Clipped] + 0.02, $"clipped {s[Clipped]} → {over[Clipped]}");
            Assert.True(over[Cdf128] < s[Cdf128], "fewer dark pixels when over-exposed");
            Assert.True(under[Cdf51] > s[Cdf51] + 0.05, $"share under 51: {s[Cdf51]} → {under[Cdf51]}");
            Assert.True(under[Crushed] >= s[Crushed]);
        }
    }

    [Fact]
    public void HazeLowersContrastAndCastShiftsTheChannels()
    {
        foreach (var photo in Samples())
        {
            var s = Of(photo);
            var haze = Of(Spoil(photo, DegradationKind.Haze, 2));
            for (int c = 0; c < 3; c++)
                Assert.True(haze[Stds + c] < 0.75f * s[Stds + c], $"channel {c} std {s[Stds + c]} → {haze[Stds + c]}");
            var cast = Of(Spoil(photo, DegradationKind.ColourCast, 2));
            float shift = Enumerable.Range(0, 3).Max(c => Math.Abs(cast[Means + c] - s[Means + c]));
            Assert.True(shift > 0.04f, $"largest channel-mean shift {shift}");
        }
    }

    [Fact]
    public void ATiltedHorizonMovesTheEdgeEnergyOffTheAxis()
    {
        // A level horizon with a few posts: its edges are exactly horizontal and vertical.
        var scene = new RgbImage(900, 600);
        for (int y = 0; y < 600; y++)
        for (int x = 0; x < 900; x++)
        {
            bool ground = y > 330,
                post = x % 150 < 12 && y > 200;
            byte v =
                post ? (byte)40
                : ground ? (byte)90
                : (byte)200;
            int o = (y * 900 + x) * 3;
            scene.Pixels[o] = v;
            scene.Pixels[o + 1] = (byte)(v + 20);
            scene.Pixels[o + 2] = ground ? (byte)60 : (byte)230;
        }
        var level = Of(scene);
        var tilted = Of(Spoil(scene, DegradationKind.Tilt, 2));
        float OnAxis(float[] s) => s[Orientation] + s[Orientation + 8]; // bins at 0° and 90°
        Assert.True(OnAxis(tilted) < 0.9f * OnAxis(level), $"on-axis energy {OnAxis(level)} → {OnAxis(tilted)}");
        float NextToAxis(float[] s) => s[Orientation + 1] + s[Orientation + 15] + s[Orientation + 7] + s[Orientation + 9];
        Assert.True(NextToAxis(tilted) > NextToAxis(level), $"energy one bin off the axis {NextToAxis(level)} → {NextToAxis(tilted)}");
    }

    [Fact]
    public void HeadsWithAndWithoutStatisticsBothScore()
    {
        // Heads exported before the statistics existed read 588 colour inputs; both widths must still load and score.
        Random rng;
        LinearWeights Layer(int outputs, int inputs) =>
            new(
                Enumerable.Range(0, outputs * inputs).Select(_ => (float)(rng.NextDouble() - 0.5) * 0.5f).ToArray(),
                new float[outputs],
                outputs,
                inputs
            );
        var photo = Directory.GetFiles(TestPaths.Samples).Where(PhotoFiles.IsPhoto).OrderBy(p => p).First();
        var image = Preprocessor.Load(photo);
        float Score(LinearWeights colourInput)
        {
            rng = new Random(11); // the same weights behind the first layer for every call
            var head = new HeadWeights(
                [colourInput, Layer(32, 32), Layer(16, 32)],
                [Layer(32, 8), Layer(32, 32)],
                [Layer(128, 512 + 16 + 32), Layer(64, 128), Layer(1, 64)]
            );
            string path = Path.Combine(TestPaths.TempDir("stats-head"), "head.onnx");
            HeadFile.Write(path, head, 0, new Dictionary<string, string>());
            using var scorer = OnnxScorer.Open(path, null, int8: false);
            return scorer.Score(image, SimulatedMetadata.Seed.Features(), 1).Scores[0];
        }
        int thumb = ColourThumbnail.Length,
            wide = thumb + ImageStatistics.Count;
        rng = new Random(5);
        var old = Layer(32, thumb);
        // The same weights with zeros for the statistics: the statistics must come after the thumbnail, so the score is
        // the old head's. Weights on the statistics alone must then move it: they reach the score.
        LinearWeights Widened(Func<int, float> statistic) =>
            new(
                Enumerable
                    .Range(0, 32 * wide)
                    .Select(i => i % wide < thumb ? old.Weight[i / wide * thumb + i % wide] : statistic(i))
                    .ToArray(),
                old.Bias,
                32,
                wide
            );
        float before = Score(old),
            zeros = Score(Widened(_ => 0)),
            withStatistics = Score(Widened(i => (i % 7 - 3) * 0.5f));
        Assert.True(float.IsFinite(before));
        Assert.Equal(before, zeros, 5);
        Assert.True(Math.Abs(withStatistics - before) > 1e-3, $"statistics weights moved the score by {withStatistics - before}");

        var wrong = new HeadWeights(
            [Layer(32, 100), Layer(32, 32), Layer(16, 32)],
            [Layer(32, 8), Layer(32, 32)],
            [Layer(128, 512 + 16 + 32), Layer(64, 128), Layer(1, 64)]
        );
        var e = Assert.Throws<InvalidDataException>(() => ScoreGraph.Build(wrong, 0, null, new Dictionary<string, string>()));
        Assert.Contains("colour net takes 100 inputs", e.Message);
    }
}
