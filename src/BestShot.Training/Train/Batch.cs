using static TorchSharp.torch;

namespace BestShot.Training.Train;

/// <summary>
/// One mini-batch. Frozen mode fills Features and Thumbnail from the cache; fine-tune mode fills Image.
/// UserIndex lets a ranking loss find same-user pairs.
/// </summary>
public sealed class Batch : IDisposable
{
    public Tensor? Image { get; init; }
    /// <summary>Fine-tune with detail crops: [N, C, 3, 224, 224].</summary>
    public Tensor? Detail { get; init; }
    public Tensor? Features { get; init; }
    /// <summary>Frozen mode: thumbnail then image statistics. Fine-tune mode: Statistics alone (the model pools the image).</summary>
    public Tensor? Thumbnail { get; init; }
    public Tensor? Statistics { get; init; }
    public required Tensor Metadata { get; init; }
    public required Tensor Label { get; init; }
    public required Tensor UserIndex { get; init; }
    public required int[] PostIndex { get; init; }

    public void Dispose()
    {
        Image?.Dispose();
        Detail?.Dispose();
        Features?.Dispose();
        Thumbnail?.Dispose();
        Statistics?.Dispose();
        Metadata.Dispose();
        Label.Dispose();
        UserIndex.Dispose();
    }
}
