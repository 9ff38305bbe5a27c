using System.Diagnostics;
using BestShot.Core.Backbone;
using BestShot.Core.Data;
using BestShot.Core.Features;
using BestShot.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace BestShot.Training.Train;

/// <summary>
/// Frozen-mode head training speed on cached features: the trainer's per-batch work (batch assembly from the
/// in-memory views, forward, MSE, backward, AdamW, OneCycle) over N synthetic posts with random features.
/// </summary>
public static class HeadTrainingBenchmark
{
    public static (double SecondsPerEpoch, int Steps) Run(int posts, int batchSize, int detailCrops, int epochs = 2)
    {
        var rng = new Random(0);
        var list = new List<Post>(posts);
        var views = new List<ImageViews>(posts);
        for (int i = 0; i < posts; i++)
        {
            list.Add(new Post
            {
                PostId = $"p{i}", UserId = $"u{i / 10}", ImagePath = "", Likes = 50 + rng.Next(500), AvgLikes = 300,
                Followers = 1000, Following = 100, PostTime = 1_600_000_000, ScrapTime = 1_600_900_000,
            });
            var v = new float[ImageViews.Length];
            for (int k = 0; k < v.Length; k++) v[k] = (float)rng.NextDouble();
            float[]? detail = detailCrops > 0 ? v[..BackboneGraph.FeatureCount] : null;
            views.Add(new ImageViews("", [v, v], detail));
        }
        var data = new FrozenData(list, views);
        var users = list.Select(p => p.UserId).Distinct().Select((u, i) => (u, i)).ToDictionary(x => x.u, x => x.i);
        var head = new ScoreHead(0.7, detailCrops > 0);
        var optimizer = optim.AdamW(head.parameters(), lr: 1e-3, weight_decay: 0.05);
        int steps = (posts + batchSize - 1) / batchSize;
        var scheduler = optim.lr_scheduler.OneCycleLR(optimizer, max_lr: 1e-3, total_steps: steps * epochs);
        head.train();
        double best = double.MaxValue;
        for (int e = 0; e < epochs; e++) // the first epoch includes warm-up; report the fastest
        {
            var order = Enumerable.Range(0, posts).ToArray();
            rng.Shuffle(order);
            var sw = Stopwatch.StartNew();
            foreach (var idx in order.Chunk(batchSize))
            {
                using var scope = NewDisposeScope();
                using var batch = data.MakeBatch(idx, _ => 1, users);
                optimizer.zero_grad();
                var loss = Losses.Compute(LossKind.Mse, head.forward(batch.Features!, batch.Thumbnail!, batch.Metadata), batch);
                loss.backward();
                SafeStep.Step(optimizer);
                scheduler.step();
            }
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        return (best, steps);
    }
}
