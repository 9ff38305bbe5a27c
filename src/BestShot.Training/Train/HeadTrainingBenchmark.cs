using System.Diagnostics;
using BestShot.Core.Backbone;
using BestShot.Core.Data;
using BestShot.Core.Features;
using BestShot.Core.Filter;
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
        var views = new Dictionary<string, ImageViews>(posts);
        for (int i = 0; i < posts; i++)
        {
            list.Add(
                new Post
                {
                    PostId = $"p{i}",
                    UserId = $"u{i / 10}",
                    ImagePath = $"p{i}.jpg",
                    Likes = 50 + rng.Next(500),
                    AvgLikes = 300,
                    Followers = 1000,
                    Following = 100,
                    PostTime = 1_600_000_000,
                    ScrapTime = 1_600_900_000,
                }
            );
            var v = new float[ImageViews.Length];
            for (int k = 0; k < v.Length; k++)
                v[k] = (float)rng.NextDouble();
            float[]? detail = detailCrops > 0 ? v[..BackboneGraph.FeatureCount] : null;
            views[list[i].ImagePath] = new ImageViews("", [v, v], detail);
        }
        var cfg = new TrainConfig
        {
            BatchSize = batchSize,
            DetailCrops = detailCrops,
            Views = 1,
            Epochs = epochs,
        };
        var users = list.Select(p => p.UserId).Distinct().Count();
        var data = new FrozenBatches(new TrainingSet(list, [], [], new FilterResult(list, posts, users, users, [])), views, cfg);
        var head = new ScoreHead(cfg.Dropout, detailCrops > 0);
        var optimizer = Trainer.AdamW(head, cfg);
        var scheduler = optim.lr_scheduler.OneCycleLR(optimizer, max_lr: cfg.Lr, total_steps: data.TrainBatchCount * epochs);
        head.train();
        double best = double.MaxValue;
        for (int e = 0; e < epochs; e++) // the first epoch includes warm-up; report the fastest
        {
            var sw = Stopwatch.StartNew();
            foreach (var batch in data.Train(e))
            {
                using var scope = NewDisposeScope();
                using var _ = batch;
                optimizer.zero_grad();
                Losses.Compute(new TrainConfig { Loss = LossKind.Mse }, head.forward(batch), batch).backward();
                SafeStep.Step(optimizer);
                scheduler.step();
            }
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        return (best, data.TrainBatchCount);
    }
}
