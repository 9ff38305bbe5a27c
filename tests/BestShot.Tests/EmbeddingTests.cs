using BestShot.Core.Backbone;
using BestShot.Core.Data;
using BestShot.Core.Features;
using BestShot.Core.Imaging;
using BestShot.Core.Rank;
using BestShot.Core.Score;

namespace BestShot.Tests;

/// <summary>Scoring returns each photo's embedding (its global view's backbone features), cached next to its score.</summary>
public class EmbeddingTests
{
    [Fact]
    public void RankReturnsTheBackboneFeaturesAndASecondRunReadsThemFromTheCache()
    {
        var photos = Directory.GetFiles(TestPaths.Samples).Where(PhotoFiles.IsPhoto).OrderBy(p => p).ToList();
        string cache = Path.Combine(TestPaths.TempDir("embeddings"), "scores.sqlite");
        using var scorer = OnnxScorer.Open(null);
        var options = new RankOptions
        {
            Facts = new() { StorePath = cache },
            WithEmbeddings = true,
        };

        var first = Ranker.Rank(photos, scorer, options);
        Assert.Equal(4, first.Scored);
        // The same features the int8 backbone computes on its own for the global view.
        using var backbone = new OnnxBackbone(int8: true);
        foreach (var r in first.Ranked)
        {
            Assert.Equal(BackboneGraph.FeatureCount, r.Embedding!.Length);
            var alone = backbone.Features(Preprocessor.ToTensor(PhotoViews.Load(r.Path, 0).Global), 1);
            Assert.True(Vectors.Cosine(alone, r.Embedding) > 0.9999, $"{r.Path}: cosine {Vectors.Cosine(alone, r.Embedding):F6}");
        }
        // Different photos, different embeddings: well below the 0.9999 of a photo with itself.
        Assert.True(Vectors.Cosine(first.Ranked[0].Embedding, first.Ranked[1].Embedding) < 0.99);

        var second = Ranker.Rank(photos, scorer, options);
        Assert.Equal((0, 4), (second.Scored, second.FromCache));
        foreach (var (a, b) in first.Ranked.Zip(second.Ranked))
            Assert.Equal(a.Embedding, b.Embedding);

        // Ranking without asking for them returns none, and reads the same cache.
        var plain = Ranker.Rank(photos, scorer, options with { WithEmbeddings = false });
        Assert.All(plain.Ranked, r => Assert.Null(r.Embedding));
        Assert.Equal(first.Ranked.Select(r => r.Score), plain.Ranked.Select(r => r.Score));
    }
}
