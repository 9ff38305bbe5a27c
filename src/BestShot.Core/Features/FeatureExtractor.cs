using System.Threading.Channels;
using BestShot.Core.Backbone;
using BestShot.Core.Imaging;

namespace BestShot.Core.Features;

/// <summary>How frozen-backbone training computes its inputs once, ahead of the epochs.</summary>
public sealed record ExtractOptions
{
    /// <summary>Augmented views per image (view 0, the plain view, is always computed too).</summary>
    public int AugmentedViews { get; init; } = 4;
    public int BatchSize { get; init; } = 32;
    public string CachePath { get; init; } = FeatureCache.DefaultPath;
    public AugmentOptions Augment { get; init; } = new();
}

/// <summary>Per image: for view 0 (plain) and views 1..K (augmented), 512 backbone features then the 588-value thumbnail.</summary>
public sealed record ImageViews(string Hash, float[][] Views)
{
    public const int Length = BackboneGraph.FeatureCount + ColourThumbnail.Length;
}

/// <summary>
/// Runs the ONNX backbone over every view of every image, reading and filling the feature cache. A decoding thread
/// feeds a channel that the inference loop drains in batches, so decoding overlaps inference.
/// </summary>
public static class FeatureExtractor
{
    /// <summary>Changes whenever the backbone, the augmentation or the thumbnail changes, so stale cache rows are never read.</summary>
    public const string ExtractorId = "resnet18-cntk/seed-view-224/aug-v1/thumb14";

    sealed record Job(string Path, string Hash, int View, float[] Tensor, float[] Thumbnail);

    /// <summary>Views per image path, and how many views had to be computed (the rest came from the cache).</summary>
    public sealed record Result(Dictionary<string, ImageViews> Views, int ComputedViews);

    public static Result Extract(IReadOnlyList<string> paths, ExtractOptions options,
        Action<string, string>? onError = null, Action<int, int>? progress = null, CancellationToken cancel = default)
    {
        using var cache = new FeatureCache(options.CachePath);
        int viewCount = options.AugmentedViews + 1;
        var results = new Dictionary<string, ImageViews>();
        var pending = new Dictionary<string, (string Hash, float[]?[] Views)>();
        int done = 0;

        // Cached images need no decode at all.
        var toCompute = new List<(string Path, string Hash, List<int> Missing)>();
        foreach (var path in paths.Distinct())
        {
            string hash;
            try { hash = ContentHash.OfFile(path); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { onError?.Invoke(path, e is FileNotFoundException ? "file not found" : e.Message); progress?.Invoke(++done, paths.Count); continue; }
            var views = new float[]?[viewCount];
            var missing = new List<int>();
            for (int v = 0; v < viewCount; v++)
                if ((views[v] = cache.Get(hash, v, ExtractorId)) == null) missing.Add(v);
            if (missing.Count == 0) { results[path] = new ImageViews(hash, views!); progress?.Invoke(++done, paths.Count); }
            else { pending[path] = (hash, views); toCompute.Add((path, hash, missing)); }
        }
        if (toCompute.Count == 0) return new Result(results, 0);
        int computed = 0;

        using var backbone = new OnnxBackbone();
        var channel = Channel.CreateBounded<Job>(new BoundedChannelOptions(options.BatchSize * 2) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var (path, hash, missing) in toCompute)
                {
                    cancel.ThrowIfCancellationRequested();
                    RgbImage view;
                    try { view = Preprocessor.CenterView(ImageDecoder.Decode(path, Preprocessor.GlobalViewDecode)); }
                    catch (ImageDecodeException e)
                    {
                        onError?.Invoke(path, e.Reason);
                        lock (pending) { pending.Remove(path); progress?.Invoke(++done, paths.Count); }
                        continue;
                    }
                    foreach (int v in missing)
                    {
                        var image = v == 0 ? view : Augment.Apply(view, AugmentSeed(hash, v), options.Augment);
                        var tensor = Preprocessor.ToTensor(image);
                        await channel.Writer.WriteAsync(new Job(path, hash, v, tensor, ColourThumbnail.FromTensor(tensor)), cancel);
                    }
                }
            }
            finally { channel.Writer.Complete(); }
        }, cancel);

        var batch = new List<Job>(options.BatchSize);
        void Flush()
        {
            if (batch.Count == 0) return;
            var input = new float[batch.Count * 3 * 224 * 224];
            for (int i = 0; i < batch.Count; i++) batch[i].Tensor.CopyTo(input, i * batch[i].Tensor.Length);
            var features = backbone.Features(input, batch.Count);
            computed += batch.Count;
            var rows = new List<(string, int, float[])>();
            for (int i = 0; i < batch.Count; i++)
            {
                var data = new float[ImageViews.Length];
                Array.Copy(features, i * BackboneGraph.FeatureCount, data, 0, BackboneGraph.FeatureCount);
                batch[i].Thumbnail.CopyTo(data, BackboneGraph.FeatureCount);
                rows.Add((batch[i].Hash, batch[i].View, data));
                lock (pending)
                {
                    if (!pending.TryGetValue(batch[i].Path, out var p)) continue;
                    p.Views[batch[i].View] = data;
                    if (p.Views.All(x => x != null))
                    {
                        results[batch[i].Path] = new ImageViews(p.Hash, p.Views!);
                        pending.Remove(batch[i].Path);
                        progress?.Invoke(++done, paths.Count);
                    }
                }
            }
            cache.PutMany(rows, ExtractorId);
            batch.Clear();
        }
        foreach (var job in channel.Reader.ReadAllAsync(cancel).ToBlockingEnumerable(cancel))
        {
            batch.Add(job);
            if (batch.Count == options.BatchSize) Flush();
        }
        Flush();
        producer.GetAwaiter().GetResult();
        return new Result(results, computed);
    }

    /// <summary>The augmentation of (image, view) is fixed, so a cached view is the view a rerun would compute.</summary>
    public static int AugmentSeed(string hash, int view) => Convert.ToInt32(hash[..7], 16) ^ (view * 0x9E3779B);
}
