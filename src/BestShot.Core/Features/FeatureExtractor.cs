using BestShot.Core.Backbone;
using BestShot.Core.Imaging;
using BestShot.Core.Pipeline;

namespace BestShot.Core.Features;

/// <summary>How frozen-backbone training computes its inputs once, ahead of the epochs.</summary>
public sealed record ExtractOptions
{
    /// <summary>Augmented views per image (view 0, the plain view, is always computed too).</summary>
    public int AugmentedViews { get; init; } = 4;

    /// <summary>Native-resolution detail crops per image, whose mean backbone features feed the head; 0 for none.</summary>
    public int DetailCrops { get; init; }
    public int BatchSize { get; init; } = 32;
    public string CachePath { get; init; } = FeatureCache.DefaultPath;
    public AugmentOptions Augment { get; init; } = new();

    /// <summary>Compute features with the int8 backbone: 3× faster, and the same features the int8 scorer sees.</summary>
    public bool Int8 { get; init; }

    /// <summary>Also compute <see cref="DetailMeasures"/> per image (no backbone pass; one decode).</summary>
    public bool NativeMeasures { get; init; }

    /// <summary>Also keep the plain view's <see cref="LayerStatistics"/> (same backbone pass).</summary>
    public bool LayerStatistics { get; init; }
}

/// <summary>
/// Per image: for view 0 (plain) and views 1..K (augmented), 512 backbone features, the 588-value thumbnail, then
/// the view's <see cref="ImageStatistics"/>;
/// and, with detail crops, the mean of the crops' 512 backbone features (the crops are never augmented); and, when asked,
/// the <see cref="DetailMeasures"/> of the plain view and the crops, and the plain view's <see cref="LayerStatistics"/>.
/// </summary>
public sealed record ImageViews(string Hash, float[][] Views, float[]? Detail, float[]? Measures = null, float[]? Layers = null)
{
    public static readonly int Length = BackboneGraph.FeatureCount + ColourThumbnail.Length + ImageStatistics.Count;
}

/// <summary>
/// Runs the ONNX backbone over every view and crop of every image, reading and filling the feature cache, through
/// the <see cref="BatchPipeline"/> so decoding overlaps inference.
/// </summary>
public static class FeatureExtractor
{
    /// <summary>Changes whenever the backbone, the augmentation or the thumbnail changes, so stale cache rows are never read.</summary>
    public const string ExtractorId = "resnet18-cntk/seed-view-224/aug-v1/thumb14/stats-v2";

    /// <summary>Cache slot of the detail features: one per crop count, apart from the view numbers.</summary>
    static int DetailSlot(int crops) => 1000 + crops; // bump the base if PhotoViews changes where crops are cut

    /// <summary>Cache slot of the native measures over that many crops; bump the base with DetailMeasures.Version.</summary>
    static int MeasureSlot(int crops) => 2600 + crops;

    /// <summary>Cache slot of the plain view's layer statistics; bump with LayerStatistics.Version.</summary>
    const int LayerSlot = 3001;

    /// <summary>
    /// Slot ≥ 0: a view, with its colour-net input (thumbnail, then statistics); slot &lt; 0: crop number −slot−1.
    /// Tensor null: no backbone pass, only the photo's native measures to store.
    /// </summary>
    sealed record Job(string Path, string Hash, int Slot, float[]? Tensor, float[]? Colour, float[]? Measures = null);

    sealed class Pending(string hash, int views, int crops, bool measures, bool layers)
    {
        public string Hash { get; } = hash;
        public float[]?[] Views { get; } = new float[]?[views];
        public float[]? Detail { get; set; }
        public float[]? Measures { get; set; }
        public float[]? Layers { get; set; }
        public float[] DetailSum { get; } = new float[BackboneGraph.FeatureCount];
        public int CropsLeft { get; set; } = crops;

        public bool Complete(int crops) =>
            Views.All(v => v != null) && (crops == 0 || Detail != null) && (!measures || Measures != null) && (!layers || Layers != null);

        public ImageViews Result() => new(Hash, Views!, Detail, Measures, Layers);
    }

    /// <summary>Views per image path, and how many backbone passes had to be computed (the rest came from the cache).</summary>
    public sealed record Result(Dictionary<string, ImageViews> Views, int ComputedViews);

    public static Result Extract(
        IReadOnlyList<string> paths,
        ExtractOptions options,
        Action<string, string>? onError = null,
        Action<int, int>? progress = null,
        CancellationToken cancel = default
    )
    {
        using var cache = new FeatureCache(options.CachePath);
        string extractor = ExtractorFor(options);
        int viewCount = options.AugmentedViews + 1,
            crops = options.DetailCrops,
            measureCrops = DetailMeasures.CropsFor(crops);
        var results = new Dictionary<string, ImageViews>();
        var pending = new Dictionary<string, Pending>();
        int done = 0;

        // Cached images need no decode at all.
        var toCompute = new List<(string Path, string Hash, List<int> MissingViews, bool MissingDetail, bool MissingMeasures)>();
        foreach (var path in paths.Distinct())
        {
            string hash;
            try
            {
                hash = ContentHash.OfFile(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                onError?.Invoke(path, e is FileNotFoundException ? "file not found" : e.Message);
                progress?.Invoke(++done, paths.Count);
                continue;
            }
            var p = new Pending(hash, viewCount, crops, options.NativeMeasures, options.LayerStatistics);
            var missing = new List<int>();
            for (int v = 0; v < viewCount; v++)
                if ((p.Views[v] = cache.Get(hash, v, extractor)) == null)
                    missing.Add(v);
            if (crops > 0)
                p.Detail = cache.Get(hash, DetailSlot(crops), extractor);
            if (options.NativeMeasures)
                p.Measures = cache.Get(hash, MeasureSlot(measureCrops), extractor);
            // The statistics come from the plain view's pass, so a view cached without them is computed again.
            if (options.LayerStatistics && (p.Layers = cache.Get(hash, LayerSlot, extractor)) == null && !missing.Contains(0))
                missing.Insert(0, 0);
            if (p.Complete(crops))
            {
                results[path] = p.Result();
                progress?.Invoke(++done, paths.Count);
            }
            else
            {
                pending[path] = p;
                toCompute.Add((path, hash, missing, crops > 0 && p.Detail == null, options.NativeMeasures && p.Measures == null));
            }
        }
        if (toCompute.Count == 0)
            return new Result(results, 0);

        using var backbone = new OnnxBackbone(int8: options.Int8, layerStatistics: options.LayerStatistics);
        using var statistics = new ImageStatistics.Session(); // per view only: crops need no statistics
        IEnumerable<Job> Decode(
            (string Path, string Hash, List<int> Missing, bool MissingDetail, bool MissingMeasures) photo,
            CancellationToken ct
        )
        {
            var (path, hash, missing, missingDetail, missingMeasures) = photo;
            PhotoViews views;
            try
            {
                views = PhotoViews.Load(
                    path,
                    missingDetail ? crops
                        : missingMeasures ? measureCrops
                        : 0
                );
            }
            catch (ImageDecodeException e)
            {
                onError?.Invoke(path, e.Reason);
                lock (pending)
                {
                    pending.Remove(path);
                    progress?.Invoke(++done, paths.Count);
                }
                yield break;
            }
            foreach (int v in missing)
            {
                var image = v == 0 ? views.Global : Augment.Apply(views.Global, AugmentSeed(hash, v), options.Augment);
                var tensor = Preprocessor.ToTensor(image);
                float[] colour = [.. ColourThumbnail.FromTensor(tensor), .. statistics.Compute(tensor, 1)];
                yield return new Job(path, hash, v, tensor, colour);
            }
            if (missingDetail)
                for (int c = 0; c < views.Crops.Count; c++)
                    yield return new Job(path, hash, -c - 1, Preprocessor.ToTensor(views.Crops[c]), null);
            if (missingMeasures)
                yield return new Job(path, hash, 0, null, null, DetailMeasures.Compute(views.Global, views.Crops));
        }

        int computed = 0;
        // One decoding worker: the statistics session is not shared across threads, and batches stay the same run to run.
        var pipeline = new PipelineOptions { Workers = 1, Capacity = options.BatchSize * 2 };
        foreach (var batch in BatchPipeline.Batches(toCompute, Decode, options.BatchSize, pipeline, cancel))
        {
            // Measure-only jobs take no backbone row: row[i] is job i's row in the backbone's output, or −1.
            var row = new int[batch.Length];
            int passes = 0;
            for (int i = 0; i < batch.Length; i++)
                row[i] = batch[i].Tensor == null ? -1 : passes++;
            var input = new float[passes * Preprocessor.TensorLength];
            for (int i = 0; i < batch.Length; i++)
                batch[i].Tensor?.CopyTo(input, row[i] * Preprocessor.TensorLength);
            (float[] features, float[]? layers) = passes == 0 ? ([], null) : backbone.Run(input, passes);
            computed += passes;
            var rows = new List<(string, int, float[])>();
            const int f = BackboneGraph.FeatureCount;
            lock (pending)
            {
                for (int i = 0; i < batch.Length; i++)
                {
                    var job = batch[i];
                    if (!pending.TryGetValue(job.Path, out var p))
                        continue;
                    if (job.Measures != null)
                    {
                        p.Measures = job.Measures;
                        rows.Add((job.Hash, MeasureSlot(measureCrops), job.Measures));
                    }
                    else if (job.Slot >= 0)
                    {
                        var data = new float[ImageViews.Length];
                        Array.Copy(features, row[i] * f, data, 0, f);
                        job.Colour!.CopyTo(data, f);
                        p.Views[job.Slot] = data;
                        rows.Add((job.Hash, job.Slot, data));
                        if (job.Slot == 0 && layers != null)
                        {
                            p.Layers = layers.AsSpan(row[i] * LayerStatistics.Count, LayerStatistics.Count).ToArray();
                            rows.Add((job.Hash, LayerSlot, p.Layers));
                        }
                    }
                    else
                    {
                        for (int k = 0; k < f; k++)
                            p.DetailSum[k] += features[row[i] * f + k];
                        if (--p.CropsLeft == 0)
                        {
                            p.Detail = p.DetailSum.Select(x => x / crops).ToArray();
                            rows.Add((job.Hash, DetailSlot(crops), p.Detail));
                        }
                    }
                    if (p.Complete(crops))
                    {
                        results[job.Path] = p.Result();
                        pending.Remove(job.Path);
                        progress?.Invoke(++done, paths.Count);
                    }
                }
            }
            cache.PutMany(rows, extractor);
        }
        return new Result(results, computed);
    }

    /// <summary>The cache key of a feature setting: backbone precision and non-default augmentation included.</summary>
    public static string ExtractorFor(ExtractOptions o)
    {
        string id = o.Int8 ? ExtractorId + "/int8" : ExtractorId;
        var a = o.Augment;
        if (a != new AugmentOptions())
            id += FormattableString.Invariant(
                $"/aug:{a.FlipProbability},{a.MaxRotationDegrees},{a.MaxTranslate},{a.MinScale},{a.MaxScale}"
            );
        return id;
    }

    /// <summary>The augmentation of (image, view) is fixed, so a cached view is the view a rerun would compute.</summary>
    public static int AugmentSeed(string hash, int view) => Convert.ToInt32(hash[..7], 16) ^ (view * 0x9E3779B);
}
