using BestShot.Core.Imaging;

namespace BestShot.Core.Features;

/// <summary>
/// The head's cheap native-resolution input: <see cref="NativeMeasures"/> of the detail crops (sharpness, noise and
/// JPEG blocks, which the 224 view's downscale hides) and of the global view (the same at the model's scale, so that
/// the head can tell a soft photo from a plain scene, plus clipping). Logs tame measures spanning decades; every value
/// lands roughly in [0, 1].
/// </summary>
public static class DetailMeasures
{
    /// <summary>Model metadata naming the measure set; bump the version when a value changes meaning.</summary>
    public const string MetadataKey = "bestshot.native_measures",
        Version = "v1";

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
    ];

    public static int Count => Names.Length;

    /// <summary>Whether a model with this metadata reads the measures; a version this BestShot does not know is refused.</summary>
    public static bool Used(IReadOnlyDictionary<string, string> metadata) =>
        !metadata.TryGetValue(MetadataKey, out var version) ? false
        : version == Version ? true
        : throw new InvalidDataException($"the model reads native measures {version}; this BestShot computes {Version}");

    /// <summary>The crops the measures read: the CNN's detail crops when the model has them, else <see cref="DefaultCrops"/>.</summary>
    public static int CropsFor(int detailCrops) => detailCrops > 0 ? detailCrops : DefaultCrops;

    public static float[] Compute(RgbImage view, IReadOnlyList<RgbImage> crops)
    {
        var c = crops.Select(NativeMeasures.Of).ToList();
        var v = NativeMeasures.Of(view);
        return
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
    }
}
