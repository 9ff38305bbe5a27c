using BestShot.Core.Backbone;
using BestShot.Core.Data;
using BestShot.Core.Features;
using BestShot.Training.Model;
using static TorchSharp.torch;

namespace BestShot.Training.Train;

/// <summary>
/// Frozen-backbone batches from views held in memory: per post, the cached views (512 features, 588 thumbnail and 38
/// image statistics each) and its metadata. Training draws one augmented view per post per epoch; validation shows
/// the plain view.
/// </summary>
public sealed class FrozenBatches(TrainingSet set, IReadOnlyDictionary<string, ImageViews> views, TrainConfig cfg) : IBatchSource
{
    readonly IReadOnlyDictionary<string, int> _users = set.UserNumbers();

    /// <summary>Every photo's cached views, by path.</summary>
    public IReadOnlyDictionary<string, ImageViews> Views => views;

    public int TrainBatchCount => EpochOrder.Count(set.Train.Count, cfg.BatchSize);

    public IEnumerable<Batch> Train(int epoch)
    {
        var viewRng = new Random(RunSeeds.Views(cfg.Seed, epoch));
        var epochView = set.Train.Select(_ => 1 + viewRng.Next(cfg.Views)).ToArray(); // one augmented view per post
        foreach (var indices in EpochOrder.Batches(set.Train, cfg, epoch))
            yield return Make(set.Train, indices, i => cfg.Views == 0 ? 0 : epochView[i]);
    }

    public IEnumerable<Batch> Validation() =>
        Enumerable.Range(0, set.Validation.Count).Chunk(cfg.BatchSize).Select(indices => Make(set.Validation, indices, _ => 0));

    Batch Make(IReadOnlyList<Post> posts, int[] indices, Func<int, int> viewOf)
    {
        int n = indices.Length,
            f = BackboneGraph.FeatureCount,
            t = ScoreHead.ColourInputs,
            m = MetadataFeatures.Count;
        bool detail = cfg.DetailCrops > 0;
        int width = detail ? 2 * f : f; // global features, then the detail crops' mean
        var features = new float[n * width];
        var thumbs = new float[n * t];
        var meta = new float[n * m];
        var batchPosts = new Post[n];
        int k = cfg.MeasureCount;
        var measures = cfg.NativeMeasures ? new float[n * k] : null;
        for (int i = 0; i < n; i++)
        {
            var post = batchPosts[i] = posts[indices[i]];
            var photo = views[post.ImagePath];
            var view = photo.Views[viewOf(indices[i])];
            Array.Copy(view, 0, features, i * width, f);
            if (detail)
                Array.Copy(photo.Detail!, 0, features, i * width + f, f);
            Array.Copy(view, f, thumbs, i * t, t);
            if (measures != null)
                Array.Copy(photo.Measures!, 0, measures, i * k, k);
            MetadataFeatures.Compute(PostMetadata.Of(post), meta.AsSpan(i * m, m));
        }
        return new Batch(batchPosts, meta, _users)
        {
            Features = tensor(features, [n, width]),
            Thumbnail = tensor(thumbs, [n, t]),
            Measures = measures == null ? null : tensor(measures, [n, k]),
        };
    }
}
