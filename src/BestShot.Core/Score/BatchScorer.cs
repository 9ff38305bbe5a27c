using System.Threading.Channels;
using BestShot.Core.Features;
using BestShot.Core.Imaging;

namespace BestShot.Core.Score;

public sealed record ScoreRequest(string Path, float[] Metadata);

/// <summary>Scoring options: batch size, decode parallelism.</summary>
public sealed record ScoreOptions
{
    public int BatchSize { get; init; } = 16;
    /// <summary>Threads decoding and preprocessing while ONNX Runtime runs the previous batch.</summary>
    public int DecodeThreads { get; init; } = Math.Max(1, Environment.ProcessorCount);
    /// <summary>Photos whose header claims more pixels are skipped as "too large" before any decoding.</summary>
    public long MaxPixels { get; init; } = DecodeOptions.DefaultMaxPixels;
}

/// <summary>
/// Streams photos through decode → preprocess → batched ONNX inference. Decoding runs on worker threads that feed
/// a bounded channel, so memory stays bounded whatever the number of photos and decoding overlaps inference.
/// </summary>
public static class BatchScorer
{
    sealed record Item(int Index, float[] Tensor, float[]? Detail, float[] Metadata);

    /// <summary>Scores each request; null where the photo could not be read (reported through onError).</summary>
    /// <param name="onBatch">Called after each batch with (request index, score) pairs, on the calling thread.</param>
    public static double?[] Score(OnnxScorer scorer, IReadOnlyList<ScoreRequest> items, ScoreOptions? options = null,
        Action<string, string>? onError = null, Action<int, int>? onScored = null, Action<IReadOnlyList<(int Index, double Score)>>? onBatch = null,
        CancellationToken cancel = default)
    {
        var o = options ?? new ScoreOptions();
        var results = new double?[items.Count];
        int crops = scorer.DetailCrops, per = 3 * 224 * 224, m = MetadataFeatures.Count, done = 0;
        var channel = Channel.CreateBounded<Item>(new BoundedChannelOptions(o.BatchSize * 2) { SingleReader = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), new ParallelOptions { MaxDegreeOfParallelism = o.DecodeThreads, CancellationToken = cancel }, async (i, ct) =>
                {
                    PhotoViews views;
                    try { views = PhotoViews.Load(items[i].Path, crops, o.MaxPixels); }
                    catch (ImageDecodeException e) { onError?.Invoke(items[i].Path, e.Reason); return; }
                    float[]? detail = null;
                    if (crops > 0)
                    {
                        detail = new float[crops * per];
                        for (int c = 0; c < crops; c++) Preprocessor.ToTensor(views.Crops[c], detail.AsSpan(c * per, per));
                    }
                    await channel.Writer.WriteAsync(new Item(i, Preprocessor.ToTensor(views.Global), detail, items[i].Metadata), ct);
                });
            }
            finally { channel.Writer.Complete(); }
        }, cancel);

        var batch = new List<Item>(o.BatchSize);
        void Flush()
        {
            if (batch.Count == 0) return;
            var images = new float[batch.Count * per];
            var meta = new float[batch.Count * m];
            var detail = crops > 0 ? new float[batch.Count * crops * per] : null;
            for (int i = 0; i < batch.Count; i++)
            {
                batch[i].Tensor.CopyTo(images, i * per);
                batch[i].Metadata.CopyTo(meta, i * m);
                batch[i].Detail?.CopyTo(detail!, i * crops * per);
            }
            var scores = scorer.Score(images, meta, batch.Count, detail);
            for (int i = 0; i < batch.Count; i++) results[batch[i].Index] = scores[i];
            onBatch?.Invoke(batch.Select((b, i) => (b.Index, (double)scores[i])).ToList());
            done += batch.Count;
            onScored?.Invoke(done, items.Count);
            batch.Clear();
        }
        try
        {
            foreach (var item in channel.Reader.ReadAllAsync(cancel).ToBlockingEnumerable(cancel))
            {
                batch.Add(item);
                if (batch.Count == o.BatchSize) Flush();
            }
            Flush();
        }
        finally
        {
            try { producer.GetAwaiter().GetResult(); } catch (OperationCanceledException) when (cancel.IsCancellationRequested) { }
        }
        return results;
    }
}
