using BestShot.Core.Imaging;

namespace BestShot.Core.Synth;

public enum DegradationKind
{
    Overexposure, Underexposure, GaussianBlur, MotionBlur, Defocus, Noise, Jpeg, Haze, ColourCast, Tilt, PoorCrop,
}

/// <summary>
/// The ways a photo gets spoiled, each at severity 1 (low), 2 (medium) or 3 (high). Pixel-scale effects (blur,
/// defocus, motion) grow with the photo's size so they look alike on a 0.15 MP and a 2 MP photo.
/// JPEG is applied when the image is encoded (see <see cref="JpegQuality"/>).
/// </summary>
public static class Degradation
{
    public static readonly DegradationKind[] All = Enum.GetValues<DegradationKind>();

    public static string Name(DegradationKind k) => k switch
    {
        DegradationKind.Overexposure => "over-exposure",
        DegradationKind.Underexposure => "under-exposure",
        DegradationKind.GaussianBlur => "gaussian blur",
        DegradationKind.MotionBlur => "motion blur",
        DegradationKind.Defocus => "defocus",
        DegradationKind.Noise => "sensor noise",
        DegradationKind.Jpeg => "jpeg compression",
        DegradationKind.Haze => "low contrast / haze",
        DegradationKind.ColourCast => "colour cast",
        DegradationKind.Tilt => "tilted horizon",
        DegradationKind.PoorCrop => "poor crop",
        _ => k.ToString(),
    };

    /// <summary>JPEG quality per severity (the same levels FACTS.md measured), and for every other image.</summary>
    public static int JpegQuality(DegradationKind k, int severity) => k == DegradationKind.Jpeg ? severity switch { 1 => 30, 2 => 15, _ => 6 } : 95;

    public static string Describe(DegradationKind k, int s) => k switch
    {
        DegradationKind.Overexposure => $"gain ×{Pick(s, 1.35, 1.7, 2.2)}",
        DegradationKind.Underexposure => $"gain ×{Pick(s, 0.65, 0.45, 0.28)}",
        DegradationKind.GaussianBlur => $"σ {Pick(s, 1.2, 2.2, 4.0)} px per 500 px",
        DegradationKind.MotionBlur => $"length {Pick(s, 7, 13, 25)} px per 500 px",
        DegradationKind.Defocus => $"disc radius {Pick(s, 2.0, 3.5, 6.0)} px per 500 px",
        DegradationKind.Noise => $"σ {Pick(s, 8, 16, 32)} levels",
        DegradationKind.Jpeg => $"quality {JpegQuality(k, s)}",
        DegradationKind.Haze => $"{Pick(s, 30, 50, 70)} % haze",
        DegradationKind.ColourCast => $"channel shift {Pick(s, 12, 22, 35)} %",
        DegradationKind.Tilt => $"{Pick(s, 3, 6, 10)}°",
        DegradationKind.PoorCrop => $"keeps {Pick(s, 70, 55, 40)} % of each side, off-centre",
        _ => "",
    };

    static double Pick(int s, double a, double b, double c) => s switch { 1 => a, 2 => b, _ => c };

    public static RgbImage Apply(RgbImage src, DegradationKind k, int s, Random rng)
    {
        double scale = Math.Max(1.0, src.ShortSide / 500.0);
        return k switch
        {
            DegradationKind.Overexposure => Filters.Exposure(src, Pick(s, 1.35, 1.7, 2.2)),
            DegradationKind.Underexposure => Filters.Exposure(src, Pick(s, 0.65, 0.45, 0.28)),
            DegradationKind.GaussianBlur => Filters.GaussianBlur(src, Pick(s, 1.2, 2.2, 4.0) * scale),
            DegradationKind.MotionBlur => Filters.MotionBlur(src, Pick(s, 7, 13, 25) * scale, rng.NextDouble() * Math.PI),
            DegradationKind.Defocus => Filters.Defocus(src, Pick(s, 2.0, 3.5, 6.0) * scale),
            DegradationKind.Noise => Filters.Noise(src, Pick(s, 8, 16, 32), rng),
            DegradationKind.Jpeg => src, // applied by the encoder
            DegradationKind.Haze => Filters.Haze(src, Pick(s, 0.3, 0.5, 0.7)),
            DegradationKind.ColourCast => Filters.ColourCast(src, Pick(s, 0.12, 0.22, 0.35), rng.Next(3)),
            DegradationKind.Tilt => Filters.Tilt(src, Pick(s, 3, 6, 10) * (rng.Next(2) == 0 ? 1 : -1)),
            DegradationKind.PoorCrop => Filters.OffCentreCrop(src, Pick(s, 0.7, 0.55, 0.4), rng.Next(4)),
            _ => src,
        };
    }
}
