using BestShot.Core.Backbone;
using BestShot.Core.Data;
using BestShot.Core.Features;
using BestShot.Lab.Synth;

namespace BestShot.Training.Quality;

/// <summary>
/// One photo's quality inputs: the pooled backbone features (what says what the photo shows), the image statistics,
/// the native measures and the layer statistics (what says how it was taken); its target log(likes / 1000), which
/// on `synth degradations` data is −0.35 · severity; and, for the fixed kinds, its kind and step.
/// </summary>
public sealed record QualityRow(Post Post, float[] Pooled, float[] Statistics, float[] Measures, float[] Layers, double Target)
{
    /// <summary>Every source photo (user) of the datasets read, kept or not: the split is drawn over all of them.</summary>
    public required IReadOnlyList<string> AllSources { get; init; }

    public DegradationKind? Kind => DegradationsSynth.Parse(Post.PostId)?.Kind;
    public int Severity => DegradationsSynth.Parse(Post.PostId)?.Severity ?? 0;
    public bool IsOriginal => Post.PostId.EndsWith("__original", StringComparison.Ordinal);
    public bool IsChain => Post.PostId.Contains("__chain", StringComparison.Ordinal);

    /// <summary>The crop log Laplacian variance: sharpness at native resolution, the classic measure mixed in.</summary>
    public float Laplacian => Measures[0];

    /// <summary>Extracts (or reads from the feature cache) every row of the datasets: int8 plain view, no augmentation.</summary>
    /// <param name="keepSource">When given, only the source photos (users) it accepts are read.</param>
    /// <param name="maxSources">Keep at most this many source photos (users), spread evenly over their sorted ids; 0 keeps all.</param>
    public static List<QualityRow> Load(
        IReadOnlyList<string> datasets,
        Action<int, int>? progress,
        CancellationToken cancel,
        int maxSources = 0,
        Func<string, bool>? keepSource = null
    )
    {
        // A chains dataset repeats the originals of the fixed-kinds one (same photo, same id): each is read once.
        var posts = datasets.SelectMany(d => DatasetFile.Read(d)).DistinctBy(p => p.PostId).ToList();
        var users = posts.Select(p => p.UserId).Distinct().Order(StringComparer.Ordinal).ToList();
        if (maxSources > 0 && users.Count > maxSources)
        {
            var kept = Enumerable.Range(0, maxSources).Select(i => users[(int)((long)i * users.Count / maxSources)]).ToHashSet();
            posts = posts.Where(p => kept.Contains(p.UserId)).ToList();
        }
        if (keepSource != null)
            posts = posts.Where(p => keepSource(p.UserId)).ToList();
        var options = new ExtractOptions
        {
            AugmentedViews = 0,
            Int8 = true,
            NativeMeasures = true,
            LayerStatistics = true,
        };
        var paths = posts.Select(p => p.ImagePath).Distinct().ToList();
        var views = FeatureExtractor.Extract(paths, options, null, progress, cancel).Views;
        const int f = BackboneGraph.FeatureCount,
            s = f + ColourThumbnail.Length;
        var rows = new List<QualityRow>();
        foreach (var p in posts)
            if (views.TryGetValue(p.ImagePath, out var v))
                rows.Add(
                    new QualityRow(p, v.Views[0][..f], v.Views[0][s..], v.Measures!, v.Layers!, Math.Log(p.Likes / 1000.0))
                    {
                        AllSources = users,
                    }
                );
        return rows;
    }
}
