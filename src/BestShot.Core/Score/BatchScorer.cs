using BestShot.Core.Data;
using BestShot.Core.Features;
using BestShot.Core.Imaging;
using BestShot.Core.Pipeline;

namespace BestShot.Core.Score;

public sealed record ScoreRequest(string Path, float[] Metadata);

/// <summary>
/// A photo's score, its global view's backbone features (null when the model does not return them) and where it is
/// sharp (<see cref="FocusGrid"/>; null when read from a cache written before it existed).
/// </summary>
public sealed record PhotoScore(double Score, float[]? Embedding, float[]? Focus = null, float[]? Likeness = null);

/// <summary>Scoring options: batch size, decode parallelism.</summary>
public sealed record ScoreOptions
{
    public int BatchSize { get; init; } = 16;

    /// <summary>Threads decoding and preprocessing while ONNX Runtime runs the previous batch.</summary>
    public int DecodeThreads { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Photos whose header claims more pixels are skipped as "too large" before any decoding.</summary>
    public long MaxPixels { get; init; } = DecodeOptions.DefaultMaxPixels;
}

/// <summary>Scores photos through the <see cref="BatchPipeline"/>: decode and preprocess on workers, batched ONNX inference.</summary>
public static class BatchScorer
{
    sealed record Item(int Index, float[] Tensor, float[]? Detail, float[] Metadata, float[]? Measures, float[] Focus, float[] Likeness);

    /// <summary>Scores each request; null where the photo could not be read (reported through onError).</summary>
    /// <param name="onBatch">Called after each batch with (request index, score) pairs, on the calling thread.</param>
    public static PhotoScore?[] Score(
        OnnxScorer scorer,
        IReadOnlyList<ScoreRequest> items,
        ScoreOptions? options = null,
        Action<string, string>? onError = null,
        Action<int, int>? onScored = null,
        Action<IReadOnlyList<(int Index, PhotoScore Score)>>? onBatch = null,
        CancellationToken cancel = default
    )
    {
        var o = options ?? new ScoreOptions();
        var results = new PhotoScore?[items.Count];
        int crops = scorer.DetailCrops,
            per = Preprocessor.TensorLength,
            m = MetadataFeatures.Count,
            done = 0;

        IEnumerable<Item> Decode(int i, CancellationToken ct)
        {
            PhotoViews views;
            try
            {
                views = PhotoViews.Load(items[i].Path, scorer.NativeMeasures ? DetailMeasures.CropsFor(crops) : crops, o.MaxPixels);
            }
            catch (ImageDecodeException e)
            {
                onError?.Invoke(items[i].Path, e.Reason);
                yield break;
            }
            float[]? detail = null;
            if (crops > 0)
            {
                detail = new float[crops * per];
                for (int c = 0; c < crops; c++)
                    Preprocessor.ToTensor(views.Crops[c], detail.AsSpan(c * per, per));
            }
            var measures = scorer.NativeMeasures ? DetailMeasures.Compute(views.Global, views.Crops, scorer.MeasureCount) : null;
            // One luma plane of the global view serves the focus grid and the layout.
            var luma = FocusGrid.Luma(views.Global);
            var focus = FocusGrid.Of(luma, views.Global.Width, views.Global.Height);
            var layout = Likeness.Of(luma, views.Global.Width, views.Global.Height);
            // Pooled: a fresh 600 KB array per photo cost more in page faults than the copy into the batch.
            var tensor = Scratch.Rent<float>(per);
            Preprocessor.ToTensor(views.Global, tensor.AsSpan(0, per));
            yield return new Item(i, tensor, detail, items[i].Metadata, measures, focus, layout);
        }

        var pipeline = new PipelineOptions { Workers = o.DecodeThreads, Capacity = o.BatchSize * 2 };
        float[] images = [];
        foreach (var batch in BatchPipeline.Batches(Enumerable.Range(0, items.Count).ToList(), Decode, o.BatchSize, pipeline, cancel))
        {
            // One batch buffer for the whole run (ONNX Runtime reads it only during Score): 10 MB of fresh pages a batch
            // were a sixth of rank's page faults.
            if (images.Length != batch.Length * per)
                images = new float[batch.Length * per];
            var meta = new float[batch.Length * m];
            var detail = crops > 0 ? new float[batch.Length * crops * per] : null;
            int k = scorer.MeasureCount;
            var measures = scorer.NativeMeasures ? new float[batch.Length * k] : null;
            for (int i = 0; i < batch.Length; i++)
            {
                batch[i].Tensor.AsSpan(0, per).CopyTo(images.AsSpan(i * per));
                Scratch.Return(batch[i].Tensor);
                batch[i].Metadata.CopyTo(meta, i * m);
                batch[i].Detail?.CopyTo(detail!, i * crops * per);
                batch[i].Measures?.CopyTo(measures!, i * k);
            }
            var scored = scorer.Score(images, meta, batch.Length, detail, measures, cancel);
            var rows = batch
                .Select((b, i) => (b.Index, new PhotoScore(scored.Scores[i], scored.FeaturesOf(i), b.Focus, b.Likeness)))
                .ToList();
            foreach (var (index, score) in rows)
                results[index] = score;
            onBatch?.Invoke(rows);
            done += batch.Length;
            onScored?.Invoke(done, items.Count);
        }
        return results;
    }
}
