using BestShot.Core.Data;
using BestShot.Core.Features;
using static TorchSharp.torch;

namespace BestShot.Training.Model;

/// <summary>
/// The models' one input: a mini-batch. Frozen mode fills Features and Thumbnail from the cache; fine-tune mode fills Image (and
/// Statistics, Detail). UserIndex lets a ranking loss find same-user pairs; Posts says whose rows these are.
/// </summary>
public sealed class Batch : IDisposable
{
    // Frozen mode's inputs first, then the metadata both modes read, then fine-tune mode's own.
    public Tensor? Features { get; init; }

    /// <summary>Frozen mode: thumbnail then image statistics. Fine-tune mode: Statistics alone (the model pools the image).</summary>
    public Tensor? Thumbnail { get; init; }
    public Tensor? Statistics { get; init; }

    /// <summary>Frozen mode with native measures: [N, DetailMeasures.Count].</summary>
    public Tensor? Measures { get; init; }
    public Tensor Metadata { get; }
    public Tensor? Image { get; init; }

    /// <summary>Fine-tune with detail crops: [N, C, 3, 224, 224].</summary>
    public Tensor? Detail { get; init; }
    public Tensor Label { get; }
    public Tensor UserIndex { get; }
    public Post[] Posts { get; }

    /// <summary>A batch of these posts: labels and user numbers from the posts, metadata rows already computed; the
    /// image inputs are set by the caller.</summary>
    public Batch(Post[] posts, float[] metadata, IReadOnlyDictionary<string, int> users)
    {
        Metadata = tensor(metadata, [posts.Length, MetadataFeatures.Count]);
        Label = tensor(posts.Select(p => (float)p.Label).ToArray());
        UserIndex = tensor(posts.Select(p => (long)users[p.UserId]).ToArray());
        Posts = posts;
    }

    public void Dispose()
    {
        Image?.Dispose();
        Detail?.Dispose();
        Features?.Dispose();
        Thumbnail?.Dispose();
        Statistics?.Dispose();
        Measures?.Dispose();
        Metadata.Dispose();
        Label.Dispose();
        UserIndex.Dispose();
    }
}
