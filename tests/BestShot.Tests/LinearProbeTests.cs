using BestShot.Core.Backbone;
using BestShot.Core.Data;
using BestShot.Core.Features;
using BestShot.Training.Model;
using BestShot.Training.Train;
using static TorchSharp.torch;

namespace BestShot.Tests;

public class LinearProbeTests
{
    static Post NewPost(string user, int i, long postTime) =>
        new()
        {
            PostId = $"{user}_{i}",
            UserId = user,
            ImagePath = $"/photos/{user}_{i}.jpg",
            Likes = 100,
            AvgLikes = 100,
            Followers = 1000,
            Following = 100,
            PostTime = postTime,
            ScrapTime = 1_750_000_000,
        };

    [Fact]
    public void APlantedHeadScoresAsTheLinearModelDoes()
    {
        var rng = new Random(5);
        double[] R(int n, double scale) => Enumerable.Range(0, n).Select(_ => (rng.NextDouble() - 0.5) * scale).ToArray();
        var probe = new LinearModel(
            R(BackboneGraph.FeatureCount, 0.02),
            R(ScoreHead.ColourInputs, 0.02),
            R(MetadataFeatures.Count, 1),
            0.3,
            [0.1, -0.2, 0.05],
            [0.2, 0.1, 0.3, 0.4],
            "test",
            0
        );
        using var head = new ScoreHead(0.7);
        LinearChannel.Plant(head, probe);
        head.eval();
        int n = 64;
        var features = R(n * BackboneGraph.FeatureCount, 2).Select(v => (float)(v + 1)).ToArray();
        var colour = R(n * ScoreHead.ColourInputs, 2).Select(v => (float)v).ToArray();
        var meta = R(n * MetadataFeatures.Count, 2).Select(v => (float)v).ToArray();
        using var _ = no_grad();
        var scores = head.Score(
                tensor(features, [n, BackboneGraph.FeatureCount]),
                tensor(colour, [n, ScoreHead.ColourInputs]),
                tensor(meta, [n, MetadataFeatures.Count])
            )
            .data<float>()
            .ToArray();
        var linear = Enumerable
            .Range(0, n)
            .Select(i =>
                Linear(
                    probe,
                    features.AsSpan(i * probe.Backbone.Length, probe.Backbone.Length),
                    colour.AsSpan(i * probe.Colour.Length, probe.Colour.Length),
                    meta.AsSpan(i * probe.Metadata.Length, probe.Metadata.Length)
                )
            )
            .ToArray();
        double spread = linear.Max() - linear.Min();
        Assert.True(spread > 0.5, $"the test's linear scores barely vary ({spread})");
        for (int i = 0; i < n; i++)
            Assert.True(Math.Abs(scores[i] - linear[i]) < 0.01 * spread, $"photo {i}: head {scores[i]}, linear model {linear[i]}");
    }

    [Fact]
    public void TheProbeFindsAMetadataSignalAmongAThousandNoisyImageInputs()
    {
        // 30 accounts of 8 posts: the label follows the hour of posting; the image inputs are noise that a weakly
        // regularised fit over all 1,146 inputs would memorise.
        var rng = new Random(7);
        var posts = new List<Post>();
        var views = new Dictionary<string, ImageViews>();
        var truth = new Dictionary<string, double>();
        for (int u = 0; u < 40; u++)
        for (int i = 0; i < 8; i++)
        {
            long time = 1_740_000_000 + rng.Next(0, 86400 * 100);
            var p = NewPost($"u{u:D2}", i, time);
            double hour = DateTimeOffset.FromUnixTimeSeconds(time).UtcDateTime.TimeOfDay.TotalHours;
            double signal = 0.4 * Math.Cos(2 * Math.PI * (hour - 19) / 24);
            truth[p.PostId] = signal;
            posts.Add(p with { Likes = Math.Round(100 * Math.Exp(signal + 0.1 * (rng.NextDouble() - 0.5))) });
            var view = Enumerable.Range(0, ImageViews.Length).Select(_ => (float)rng.NextDouble()).ToArray();
            views[p.ImagePath] = new ImageViews("", [view], null);
        }
        var train = posts.Take(240).ToList();
        var held = posts.Skip(240).ToList();
        var probe = LinearProbe.Fit(train, views);

        double Predict(Post p)
        {
            var v = views[p.ImagePath].Views[0];
            int f = probe.Backbone.Length;
            return Linear(probe, v.AsSpan(0, f), v.AsSpan(f, probe.Colour.Length), MetadataFeatures.Compute(PostMetadata.Of(p)));
        }
        var predicted = held.Select(Predict).ToArray();
        var actual = held.Select(p => truth[p.PostId]).ToArray();
        double r = Correlation(predicted, actual);
        Assert.True(r > 0.9, $"the probe's scores on unseen accounts correlate {r:F2} with the planted signal ({probe.Alphas})");
    }

    [Fact]
    public void TheProbeReadsADamageSignalInTheNativeMeasuresAndThePlantedHeadCarriesIt()
    {
        // 40 accounts of 8 posts: the label falls with blur, which only the first native measure (sharpness) shows; the
        // backbone and colour inputs are noise. Before, the probe left the measures out and a head with them started
        // blind to them.
        var rng = new Random(11);
        var posts = new List<Post>();
        var views = new Dictionary<string, ImageViews>();
        var truth = new Dictionary<string, double>();
        for (int u = 0; u < 40; u++)
        for (int i = 0; i < 8; i++)
        {
            var p = NewPost($"u{u:D2}", i, 1_740_000_000 + 3600 * (u * 8 + i));
            var measures = Enumerable.Range(0, DetailMeasures.Count).Select(_ => (float)rng.NextDouble()).ToArray();
            double signal = 0.8 * (measures[0] - 0.5);
            truth[p.PostId] = signal;
            posts.Add(p with { Likes = Math.Round(100 * Math.Exp(signal + 0.1 * (rng.NextDouble() - 0.5))) });
            var view = Enumerable.Range(0, ImageViews.Length).Select(_ => (float)rng.NextDouble()).ToArray();
            views[p.ImagePath] = new ImageViews("", [view], null, measures);
        }
        var train = posts.Take(240).ToList();
        var held = posts.Skip(240).ToList();
        var probe = LinearProbe.Fit(train, views);
        Assert.Equal(DetailMeasures.Count, probe.Measures!.Length);

        using var head = new ScoreHead(0.7, measures: DetailMeasures.Count);
        LinearChannel.Plant(head, probe);
        head.eval();
        int n = held.Count,
            f = BackboneGraph.FeatureCount,
            c = ScoreHead.ColourInputs,
            k = DetailMeasures.Count;
        var rows = held.Select(p => views[p.ImagePath]).ToList();
        using var _ = no_grad();
        var scores = head.Score(
                tensor(rows.SelectMany(v => v.Views[0][..f]).ToArray(), [n, f]),
                tensor(rows.SelectMany(v => v.Views[0][f..(f + c)]).ToArray(), [n, c]),
                tensor(held.SelectMany(p => MetadataFeatures.Compute(PostMetadata.Of(p))).ToArray(), [n, MetadataFeatures.Count]),
                tensor(rows.SelectMany(v => v.Measures!).ToArray(), [n, k])
            )
            .data<float>()
            .Select(v => (double)v)
            .ToArray();
        double r = Correlation(scores, held.Select(p => truth[p.PostId]).ToArray());
        Assert.True(r > 0.9, $"the planted head's scores on unseen accounts correlate {r:F2} with the planted signal ({probe.Alphas})");
    }

    [Fact]
    public void TheProbeFitsTheAugmentedViewsTheEpochsTrainOnNotOnlyThePlainOne()
    {
        // 40 accounts of 8 posts, one plain view and four augmented ones. Backbone input 0 is the label exactly in the
        // plain view but drowns in noise once augmented (as a sharp edge's response does when the view is rotated);
        // input 1 carries the label with a little noise in every view. Fitted on the plain view alone, the probe leaned
        // on input 0 and its error on the augmented views, where training starts, was many times the label's spread.
        var rng = new Random(13);
        var posts = new List<Post>();
        var views = new Dictionary<string, ImageViews>();
        double Noise(double sd) => sd * (rng.NextDouble() - 0.5) * Math.Sqrt(12);
        for (int u = 0; u < 40; u++)
        for (int i = 0; i < 8; i++)
        {
            var p = NewPost($"u{u:D2}", i, 1_740_000_000 + 3600 * (u * 8 + i));
            double signal = Noise(0.3);
            posts.Add(p with { Likes = Math.Round(100 * Math.Exp(signal)) });
            var label = posts[^1].Label;
            float[] View(bool augmented)
            {
                var v = Enumerable.Range(0, ImageViews.Length).Select(_ => (float)rng.NextDouble()).ToArray();
                v[0] = (float)(label + (augmented ? Noise(3) : 0));
                v[1] = (float)(label + Noise(0.1));
                return v;
            }
            views[p.ImagePath] = new ImageViews("", [View(false), .. Enumerable.Range(0, 4).Select(_ => View(true))], null);
        }
        var train = posts.Take(240).ToList();
        var probe = LinearProbe.Fit(train, views);

        int f = probe.Backbone.Length;
        var errors = train.SelectMany(p =>
            views[p.ImagePath]
                .Views.Skip(1)
                .Select(v =>
                {
                    double s = Linear(
                        probe,
                        v.AsSpan(0, f),
                        v.AsSpan(f, probe.Colour.Length),
                        MetadataFeatures.Compute(PostMetadata.Of(p))
                    );
                    return (s - p.Label) * (s - p.Label);
                })
        );
        double mse = errors.Average(),
            spread = train.Select(p => p.Label * p.Label).Average() - Math.Pow(train.Average(p => p.Label), 2);
        Assert.True(mse < 0.2 * spread, $"the probe's MSE on the augmented views is {mse:F4}, the labels' variance {spread:F4}");
    }

    /// <summary>The linear model's score, computed directly from its weights.</summary>
    static double Linear(LinearModel probe, ReadOnlySpan<float> backbone, ReadOnlySpan<float> colour, ReadOnlySpan<float> meta)
    {
        double s = probe.Bias;
        for (int j = 0; j < backbone.Length; j++)
            s += probe.Backbone[j] * backbone[j];
        for (int j = 0; j < colour.Length; j++)
            s += probe.Colour[j] * colour[j];
        for (int j = 0; j < meta.Length; j++)
            s += probe.Metadata[j] * meta[j];
        return s;
    }

    static double Correlation(double[] a, double[] b)
    {
        double ma = a.Average(),
            mb = b.Average();
        double cov = a.Zip(b).Sum(t => (t.First - ma) * (t.Second - mb));
        return cov / Math.Sqrt(a.Sum(x => (x - ma) * (x - ma)) * b.Sum(x => (x - mb) * (x - mb)));
    }
}
