using BestShot.Core.Data;
using BestShot.Training.Model;

namespace BestShot.Training.Train;

/// <summary>
/// What the training loop reads: one epoch's training batches and the validation batches. Frozen mode serves cached
/// backbone features (<see cref="FrozenBatches"/>), fine-tune mode decodes images (<see cref="ImageBatches"/>); the
/// loop cannot tell them apart.
/// </summary>
public interface IBatchSource
{
    /// <summary>Batches in one training epoch.</summary>
    int TrainBatchCount { get; }

    /// <summary>The epoch's training batches, shuffled and augmented from <see cref="RunSeeds"/>.</summary>
    IEnumerable<Batch> Train(int epoch);

    /// <summary>Every validation post once, plain views, in order.</summary>
    IEnumerable<Batch> Validation();
}

/// <summary>The order of training posts in an epoch, shared by both batch sources.</summary>
public static class EpochOrder
{
    /// <summary>MSE: posts shuffled. RankNet: users shuffled and kept together, so batches hold same-user pairs.</summary>
    public static int[][] Batches(IReadOnlyList<Post> train, TrainConfig cfg, int epoch)
    {
        var rng = new Random(RunSeeds.Order(cfg.Seed, epoch));
        int[] order;
        if (cfg.Loss == LossKind.Mse)
        {
            order = Enumerable.Range(0, train.Count).ToArray();
            rng.Shuffle(order);
        }
        else
        {
            var groups = Enumerable.Range(0, train.Count).GroupBy(i => train[i].UserId).Select(g => g.ToArray()).ToArray();
            rng.Shuffle(groups);
            foreach (var g in groups)
                rng.Shuffle(g);
            order = groups.SelectMany(g => g).ToArray();
        }
        return order.Chunk(cfg.BatchSize).ToArray();
    }

    public static int Count(int posts, int batchSize) => (posts + batchSize - 1) / batchSize;
}
