using BestShot.Core.Imaging;

namespace BestShot.Core.Features;

/// <summary>
/// The head's cheap native-resolution input: <see cref="NativeMeasures"/> of the detail crops (sharpness, noise and
/// JPEG blocks, which the 224 view's downscale hides) and of the global view (the same at the model's scale, so that
/// the head can tell a soft photo from a plain scene, plus clipping); since v2 also <see cref="ToneAndBlur"/>'s
/// brightest percentile of the view and re-blur measure of the crops; since v3 the view's 99.9th luma percentile and
/// its re-blur by a 25-pixel box; since v4 <see cref="EdgeSteepness"/> over 13 and 29 pixels (docs/training.md). Logs
/// tame measures spanning decades; every value lands roughly in [0, 1]. A model records the set it reads: each
/// version's are the first ones of the next, so the built-in model (v1) and personal models (v2–v4) are all scored.
/// </summary>
public static class DetailMeasures
{
    /// <summary>Model metadata naming the measure set; bump the version when a value changes meaning.</summary>
    public const string MetadataKey = "bestshot.native_measures",
        Version = "v4";

    /// <summary>Crops measured when the model runs no CNN detail crops: the band the scorer would cut for two.</summary>
    public const int DefaultCrops = 2;

    public static readonly string[] Names =
    [
        "crop_log_laplacian_variance",
        "crop_log_mean_gradient",
        "crop_log_noise",
        "crop_log_blockiness",
        "view_log_laplacian_variance",
        "view_log_noise",
        "view_highlights",
        "view_shadows",
        "view_log_bright_luma", // v2
        "crop_reblur_blur", // v2
        "view_log_top_luma", // v3
        "view_reblur_wide", // v3
        "view_edge_steepness", // v4
        "view_edge_steepness_wide", // v4
    ];

    /// <summary>How many measures each version reads: a version's are the first ones of <see cref="Names"/>.</summary>
    static readonly Dictionary<string, int> Counts = new()
    {
        ["v1"] = 8,
        ["v2"] = 10,
        ["v3"] = 12,
        ["v4"] = 14,
    };

    /// <summary>The measures a model made now reads.</summary>
    public static int Count => Names.Length;

    /// <summary>How many measures a model with this metadata reads (0: none); a version this BestShot does not know is refused.</summary>
    public static int CountOf(IReadOnlyDictionary<string, string> metadata) =>
        metadata.TryGetValue(MetadataKey, out var version) ? CountOf(version) : 0;

    /// <summary>How many measures this version reads; a version this BestShot does not know is refused.</summary>
    public static int CountOf(string version) =>
        Counts.TryGetValue(version, out int count)
            ? count
            : throw new InvalidDataException(
                $"the model reads native measures {version}; this BestShot computes {string.Join(", ", Counts.Keys)}"
            );

    /// <summary>The version whose measures are the first `count`.</summary>
    public static string VersionOf(int count) => Counts.First(c => c.Value == count).Key;

    /// <summary>Whether a model with this metadata reads the measures.</summary>
    public static bool Used(IReadOnlyDictionary<string, string> metadata) => CountOf(metadata) > 0;

    /// <summary>The crops the measures read: the CNN's detail crops when the model has them, else <see cref="DefaultCrops"/>.</summary>
    public static int CropsFor(int detailCrops) => detailCrops > 0 ? detailCrops : DefaultCrops;

    /// <summary>
    /// The first `count` measures (all of them by default): a v1 model's eight skip v2's two (1–3 ms a photo), a v2
    /// model's ten skip v3's two (2 ms), a v3 model's twelve v4's two.
    /// </summary>
    public static float[] Compute(RgbImage view, IReadOnlyList<RgbImage> crops, int count = -1)
    {
        var c = crops.Select(NativeMeasures.Of).ToList();
        var v = NativeMeasures.Of(view);
        float[] v1 =
        [
            (float)(Math.Log(1 + c.Average(m => m.LaplacianVariance)) / 10),
            (float)(Math.Log(1 + c.Average(m => m.MeanGradient)) / 5),
            (float)(Math.Log(1 + c.Average(m => m.Noise)) / 3),
            (float)Math.Clamp(Math.Log(c.Average(m => m.Blockiness)), -1, 2),
            (float)(Math.Log(1 + v.LaplacianVariance) / 10),
            (float)(Math.Log(1 + v.Noise) / 3),
            (float)v.Highlights,
            (float)v.Shadows,
        ];
        if (count >= 0 && count <= v1.Length)
            return v1[..count];
        float[] v2 = [.. v1, (float)(Math.Log(1 + ToneAndBlur.BrightLuma(view)) / 6), (float)crops.Average(ToneAndBlur.ReblurBlur)];
        if (count >= 0 && count <= v2.Length)
            return v2[..count];
        float[] v3 = [.. v2, (float)(Math.Log(1 + ToneAndBlur.TopLuma(view)) / 6), (float)ToneAndBlur.WideReblurBlur(view)];
        if (count >= 0 && count <= v3.Length)
            return v3[..count];
        return [.. v3, .. EdgeSteepness.AtRadii(view, [6, 14]).Select(v => (float)v)];
    }
}
