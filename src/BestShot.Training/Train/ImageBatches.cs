using BestShot.Core.Data;
using BestShot.Core.Features;
using BestShot.Core.Imaging;
using BestShot.Core.Pipeline;
using BestShot.Training.Model;
using static TorchSharp.torch;

namespace BestShot.Training.Train;

/// <summary>
/// Fine-tune batches: images decoded and augmented on the fly. The <see cref="BatchPipeline"/> prepares the next
/// batches (each decoded in parallel) while the current one trains; TorchSharp's DataLoader only parallelises
/// within a batch.
/// </summary>
public sealed class ImageBatches(TrainingSet set, TrainConfig cfg, CancellationToken cancel) : IBatchSource
{
    readonly IReadOnlyDictionary<string, int> _users = set.UserNumbers();

    public int TrainBatchCount => EpochOrder.Count(set.Train.Count, cfg.BatchSize);

    public IEnumerable<Batch> Train(int epoch) =>
        Stream(
            set.Train,
            EpochOrder.Batches(set.Train, cfg, epoch),
            (post, image) => Augment.Apply(image, RunSeeds.Augment(cfg.Seed, epoch, post), cfg.Augment)
        );

    public IEnumerable<Batch> Validation() =>
        Stream(set.Validation, Enumerable.Range(0, set.Validation.Count).Chunk(cfg.BatchSize).ToArray(), (_, image) => image);

    sealed record Prepared(Post[] Posts, float[] Images, float[]? Detail, float[] Statistics, float[] Meta);

    IEnumerable<Batch> Stream(IReadOnlyList<Post> posts, int[][] batches, Func<int, RgbImage, RgbImage> augment)
    {
        int crops = cfg.DetailCrops,
            per = Preprocessor.TensorLength,
            m = MetadataFeatures.Count;
        using var statistics = new ImageStatistics.Session();
        IEnumerable<Prepared> Prepare(int[] indices, CancellationToken ct)
        {
            int n = indices.Length;
            var images = new float[n * per];
            var detail = crops > 0 ? new float[n * crops * per] : null;
            var meta = new float[n * m];
            Parallel.For(
                0,
                n,
                new ParallelOptions { CancellationToken = ct },
                i =>
                {
                    var post = posts[indices[i]];
                    var views = PhotoViews.Load(post.ImagePath, crops);
                    for (int c = 0; c < views.Crops.Count; c++)
                        Preprocessor.ToTensor(views.Crops[c], detail.AsSpan((i * crops + c) * per, per));
                    Preprocessor.ToTensor(augment(indices[i], views.Global), images.AsSpan(i * per, per));
                    MetadataFeatures.Compute(PostMetadata.Of(post), meta.AsSpan(i * m, m));
                }
            );
            yield return new Prepared(indices.Select(i => posts[i]).ToArray(), images, detail, statistics.Compute(images, n), meta);
        }

        // One worker keeps batches in order (training is reproducible); two batches ahead is enough to hide decoding.
        foreach (var b in BatchPipeline.Stream(batches, Prepare, new PipelineOptions { Workers = 1, Capacity = 2 }, cancel))
        {
            int n = b.Posts.Length;
            yield return new Batch(b.Posts, b.Meta, _users)
            {
                Image = tensor(b.Images, [n, 3, 224, 224]),
                Detail = b.Detail == null ? null : tensor(b.Detail, [n, crops, 3, 224, 224]),
                Statistics = tensor(b.Statistics, [n, ImageStatistics.Count]),
            };
        }
    }
}
