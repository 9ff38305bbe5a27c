using BestShot.Core.Data;
using BestShot.Core.Features;
using BestShot.Core.Imaging;
using BestShot.Core.Score;
using BestShot.Lab.Synth;
using BestShot.Training.Quality;

namespace BestShot.Tests;

/// <summary>
/// Issue 24's quality heads: random damage chains label what they did, the ridge recovers a known rule, and a linear
/// quality head written by `quality-head` scores a photo in the score graph (layer statistics computed in the
/// graph, from the same backbone pass) exactly as the lab scored it from cached features.
/// </summary>
[Trait("Category", "Slow")]
public class QualityHeadTests
{
    [Fact]
    public void ChainsLabelTheirDamageByTheSeverityModel()
    {
        var source = LanczosResizer.Scale(ImageDecoder.Decode(Path.Combine(TestPaths.Samples, "rocket.jpg")), 0.25);
        var rng = new Random(3);
        int clean = 0;
        for (int i = 0; i < 60; i++)
        {
            var chain = DamageChains.Make(source, rng);
            Assert.True(chain.Image.Width <= source.Width && chain.Image.Height <= source.Height);
            if (chain.Links.Count == 0)
            {
                clean++;
                Assert.Equal(0, chain.Severity);
                Assert.Equal(95, chain.JpegQuality);
                continue;
            }
            Assert.InRange(chain.Links.Count, 1, 3);
            Assert.Equal(chain.Links.Count, chain.Links.Select(l => l.Kind.EndsWith("_blur") ? "blur" : l.Kind).Distinct().Count());
            double worst = chain.Links.Max(l => l.Severity);
            Assert.Equal(worst + 0.5 * (chain.Links.Sum(l => l.Severity) - worst), chain.Severity, 9);
            Assert.Equal(chain.Links.Any(l => l.Kind == "jpeg"), chain.JpegQuality < 95);
        }
        Assert.InRange(clean, 4, 24); // one in five, of 60
    }

    [Fact]
    public void RidgeRecoversAKnownRuleAndShrinksWithLambda()
    {
        var rng = new Random(1);
        var x = Enumerable
            .Range(0, 400)
            .Select(_ => Enumerable.Range(0, 5).Select(_ => (float)(rng.NextDouble() * 10)).ToArray())
            .ToList();
        var y = x.Select(v => 2.0 * v[0] - 3.0 * v[1] + 0.5 + 0.01 * Degrade.Gaussian(rng)).ToList();
        var ridge = new Ridge(x, y);
        var (w, b) = ridge.Solve(1e-9);
        Assert.Equal(2.0, w[0], 2);
        Assert.Equal(-3.0, w[1], 2);
        Assert.Equal(0.5, b, 1);
        Assert.All(w.Skip(2), v => Assert.InRange(v, -0.01, 0.01));
        var (shrunk, _) = ridge.Solve(10);
        Assert.True(Math.Abs(shrunk[0]) < 1.0 && Math.Abs(shrunk[1]) < 1.5, $"λ 10 left {shrunk[0]:F2}, {shrunk[1]:F2}");
    }

    [Fact]
    public void AWrittenQualityHeadScoresInTheGraphAsTheLabDid()
    {
        string dir = TestPaths.TempDir("quality-head");
        string data = Path.Combine(dir, "data"),
            chains = Path.Combine(dir, "chains"),
            head = Path.Combine(dir, "quality.head.onnx");
        var kinds = new[] { DegradationKind.GaussianBlur, DegradationKind.Noise, DegradationKind.Jpeg, DegradationKind.Underexposure };
        DegradationsSynth.Write(
            data,
            new DegradationsSynthOptions
            {
                Photos = TestPaths.Samples,
                MaxSide = 320,
                Kinds = kinds,
            }
        );
        DegradationsSynth.Write(
            chains,
            new DegradationsSynthOptions
            {
                Photos = TestPaths.Samples,
                MaxSide = 320,
                Chains = 3,
            }
        );
        var rows = QualityRow.Load([data, chains], null, default);
        Assert.Equal(4 * (1 + kinds.Length * 3) + 4 * 3, rows.Count); // the chains' originals are read once
        Assert.All(rows, r => Assert.Equal(BestShot.Core.Backbone.LayerStatistics.Count, r.Layers.Length));

        var recipe = QualityRecipe.Candidates().First(r => r.LaplacianMix == 0.25 && r.Lambda == 1);
        QualityLab.Write(head, rows, seed: 0, recipe);
        var (train, validation) = QualityLab.Split(rows, 0);
        var fit = QualityLab.InLabelUnits(
            new QualityFitter(
                train.Select(QualityInputs.Of).ToList(),
                train.Select(r => r.Target).ToList(),
                train.Select(r => r.IsOriginal).ToList()
            ).Fit(recipe),
            train
        );

        using var scorer = OnnxScorer.Open(head);
        var scored = BatchScorer.Score(
            scorer,
            validation.Select(r => new ScoreRequest(r.Post.ImagePath, SimulatedMetadata.Seed.Features())).ToList()
        );
        for (int i = 0; i < validation.Count; i++)
        {
            double lab = fit.Score(QualityInputs.Of(validation[i]));
            Assert.True(
                Math.Abs(scored[i]!.Score - lab) < 1e-3 * (1 + Math.Abs(lab)),
                $"{validation[i].Post.PostId}: {scored[i]!.Score} vs {lab}"
            );
        }
        // And it is a quality score: the held-out original beats its strongly blurred and heavily compressed copies.
        var byId = validation.Select((r, i) => (r.Post.PostId, scored[i]!.Score)).ToDictionary();
        string user = validation[0].Post.UserId;
        Assert.True(byId[$"{user}__original"] > byId[$"{user}__GaussianBlur_3"]);
        Assert.True(byId[$"{user}__original"] > byId[$"{user}__Jpeg_3"]);

        // The command the README lists: the comparison table (every candidate, one row each), then the same head written.
        var table = CliRunner.InProcess("quality-head", data, chains, "--split-seed", "0");
        Assert.True(table.ExitCode == 0, table.Stderr);
        Assert.Equal(
            QualityRecipe.Candidates().Count(),
            table.Stdout.Split('\n').Count(l => l.StartsWith("| ridge") || l.StartsWith("| measures") || l.StartsWith("| pristine"))
        );
        string again = Path.Combine(dir, "again.head.onnx");
        var write = CliRunner.InProcess("quality-head", data, chains, "--out", again, "--recipe", recipe.Name);
        Assert.True(write.ExitCode == 0, write.Stderr);
        Assert.Equal(File.ReadAllBytes(head), File.ReadAllBytes(again));
        var wrong = CliRunner.InProcess("quality-head", data, "--out", again, "--recipe", "no such recipe");
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("--recipe: give one of the names the comparison prints", wrong.Stderr);
    }
}
