using System.Threading.Channels;
using BestShot.Core.Data;
using BestShot.Core.Features;
using BestShot.Core.Imaging;
using static TorchSharp.torch;

namespace BestShot.Training.Train;

/// <summary>
/// Fine-tune inputs: images decoded and augmented on the fly. A background task prepares the next batches into a
/// small bounded channel while the current one trains (TorchSharp's DataLoader only parallelises within a batch).
/// </summary>
public sealed class ImageData(IReadOnlyList<Post> posts, AugmentOptions augment, int detailCrops)
{
    public IReadOnlyList<Post> Posts { get; } = posts;

    public IEnumerable<Batch> Batches(IReadOnlyList<int[]> batches, int? augmentSeed, IReadOnlyDictionary<string, int> userIds, CancellationToken cancel)
    {
        var channel = Channel.CreateBounded<(float[] Images, float[]? Detail, float[] Stats, float[] Meta, float[] Labels, long[] Users, int[] Index)>(2);
        var producer = Task.Run(async () =>
        {
            using var statistics = new ImageStatistics.Session();
            try
            {
                foreach (var indices in batches)
                {
                    int n = indices.Length, per = 3 * 224 * 224, m = MetadataFeatures.Count;
                    var images = new float[n * per];
                    var detail = detailCrops > 0 ? new float[n * detailCrops * per] : null;
                    var meta = new float[n * m];
                    var labels = new float[n];
                    var users = new long[n];
                    Parallel.For(0, n, new ParallelOptions { CancellationToken = cancel }, i =>
                    {
                        var post = Posts[indices[i]];
                        var views = PhotoViews.Load(post.ImagePath, detailCrops);
                        var view = views.Global;
                        if (augmentSeed is int s) view = Augment.Apply(view, s * 1_000_003 + indices[i], augment); // reproducible across processes
                        for (int c = 0; c < views.Crops.Count; c++) Preprocessor.ToTensor(views.Crops[c], detail.AsSpan((i * detailCrops + c) * per, per));
                        Preprocessor.ToTensor(view, images.AsSpan(i * per, per));
                        MetadataFeatures.Compute(PostMetadata.Of(post), meta.AsSpan(i * m, m));
                        labels[i] = (float)post.Label;
                        users[i] = userIds[post.UserId];
                    });
                    await channel.Writer.WriteAsync((images, detail, statistics.Compute(images, n), meta, labels, users, indices), cancel);
                }
            }
            finally { channel.Writer.Complete(); }
        }, cancel);

        foreach (var b in channel.Reader.ReadAllAsync(cancel).ToBlockingEnumerable(cancel))
            yield return new Batch
            {
                Image = tensor(b.Images, [b.Index.Length, 3, 224, 224]),
                Detail = b.Detail == null ? null : tensor(b.Detail, [b.Index.Length, detailCrops, 3, 224, 224]),
                Statistics = tensor(b.Stats, [b.Index.Length, ImageStatistics.Count]),
                Metadata = tensor(b.Meta, [b.Index.Length, MetadataFeatures.Count]),
                Label = tensor(b.Labels),
                UserIndex = tensor(b.Users),
                PostIndex = b.Index,
            };
        producer.GetAwaiter().GetResult();
    }
}
