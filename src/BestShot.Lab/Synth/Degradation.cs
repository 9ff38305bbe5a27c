using BestShot.Core.Imaging;

namespace BestShot.Lab.Synth;

public enum DegradationKind
{
    Overexposure,
    Underexposure,
    GaussianBlur,
    MotionBlur,
    Defocus,
    Noise,
    Jpeg,
    Haze,
    ColourCast,
    Tilt,
    PoorCrop,

    // Appended, not inserted: each photo's random stream is drawn kind by kind, so the copies above stay byte-identical
    // (and their cached features valid) when kinds are added at the end.
    PhonePipeline,
    Vignette,
    SubjectCut,
}

/// <summary>
/// The ways a photo gets spoiled, each at severity 1 (low), 2 (medium) or 3 (high). Pixel-scale effects (blur,
/// defocus, motion) grow with the photo's size so they look alike on a 0.15 MP and a 2 MP photo.
/// JPEG is applied when the image is encoded (see <see cref="JpegQuality"/>). Real damage comes in combinations, so
/// <see cref="DegradationKind.PhonePipeline"/> chains several faults as a phone's processing does.
/// </summary>
public static class Degradation
{
    public static readonly DegradationKind[] All = Enum.GetValues<DegradationKind>();

    public static string Name(DegradationKind k) =>
        k switch
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
            DegradationKind.PhonePipeline => "combined (phone pipeline)",
            DegradationKind.Vignette => "heavy vignetting",
            DegradationKind.SubjectCut => "subject cut by the edge",
            _ => k.ToString(),
        };

    /// <summary>
    /// JPEG quality per severity, and for every other image. At q30 / q15 / q6 a 1024 px photo is 38 / 34 / 28.5 dB
    /// PSNR from its original in the seed's 224 view, and 33 / 30 / 25.7 dB at native resolution (measured on 12 photos).
    /// </summary>
    public static int JpegQuality(DegradationKind k, int severity) =>
        k == DegradationKind.Jpeg
            ? severity switch
            {
                1 => 30,
                2 => 15,
                _ => 6,
            }
            : 95;

    /// <summary>
    /// The one table of severities: exposure gain; blur σ, motion length and defocus radius in px per 500 px of
    /// short side; noise σ in levels; JPEG quality; haze and colour-cast strength and the share of each side a poor
    /// crop keeps, as fractions; tilt in degrees.
    /// </summary>
    public static double Amount(DegradationKind k, int s) =>
        k switch
        {
            DegradationKind.Overexposure => Pick(s, 1.35, 1.7, 2.2),
            DegradationKind.Underexposure => Pick(s, 0.65, 0.45, 0.28),
            DegradationKind.GaussianBlur => Pick(s, 1.2, 2.2, 4.0),
            DegradationKind.MotionBlur => Pick(s, 7, 13, 25),
            DegradationKind.Defocus => Pick(s, 2.0, 3.5, 6.0),
            DegradationKind.Noise => Pick(s, 8, 16, 32),
            DegradationKind.Jpeg => JpegQuality(k, s),
            DegradationKind.Haze => Pick(s, 0.3, 0.5, 0.7),
            DegradationKind.ColourCast => Pick(s, 0.12, 0.22, 0.35),
            DegradationKind.Tilt => Pick(s, 3, 6, 10),
            DegradationKind.PoorCrop => Pick(s, 0.7, 0.55, 0.4),
            DegradationKind.PhonePipeline => s,
            DegradationKind.Vignette => Pick(s, 0.45, 0.65, 0.85),
            DegradationKind.SubjectCut => Pick(s, 0.25, 0.12, 0.03),
            _ => 0,
        };

    public static string Describe(DegradationKind k, int s)
    {
        double a = Amount(k, s);
        return k switch
        {
            DegradationKind.Overexposure or DegradationKind.Underexposure => $"gain ×{a}",
            DegradationKind.GaussianBlur => $"σ {a} px per 500 px",
            DegradationKind.MotionBlur => $"length {a} px per 500 px",
            DegradationKind.Defocus => $"disc radius {a} px per 500 px",
            DegradationKind.Noise => $"σ {a} levels",
            DegradationKind.Jpeg => $"quality {a}",
            DegradationKind.Haze => $"{100 * a:0} % haze",
            DegradationKind.ColourCast => $"channel shift {100 * a:0} %",
            DegradationKind.Tilt => $"{a}°",
            DegradationKind.PoorCrop => $"keeps {100 * a:0} % of each side, off-centre",
            DegradationKind.PhonePipeline => PhonePipeline.Describe(s),
            DegradationKind.Vignette => $"corners darkened by {100 * a:0} %",
            DegradationKind.SubjectCut => $"frame edge {100 * a:0} % of the width from the centre",
            _ => "",
        };
    }

    static double Pick(int s, double a, double b, double c) =>
        s switch
        {
            1 => a,
            2 => b,
            _ => c,
        };

    public static RgbImage Apply(RgbImage src, DegradationKind k, int s, Random rng)
    {
        double a = Amount(k, s),
            scale = Math.Max(1.0, src.ShortSide / 500.0);
        return k switch
        {
            DegradationKind.Overexposure or DegradationKind.Underexposure => Degrade.Exposure(src, a),
            DegradationKind.GaussianBlur => Degrade.GaussianBlur(src, a * scale),
            DegradationKind.MotionBlur => Degrade.MotionBlur(src, a * scale, rng.NextDouble() * Math.PI),
            DegradationKind.Defocus => Degrade.Defocus(src, a * scale),
            DegradationKind.Noise => Degrade.Noise(src, a, rng),
            DegradationKind.Jpeg => src, // applied by the encoder
            DegradationKind.Haze => Degrade.Haze(src, a),
            DegradationKind.ColourCast => Degrade.ColourCast(src, a, rng.Next(3)),
            DegradationKind.Tilt => Degrade.Tilt(src, a * (rng.Next(2) == 0 ? 1 : -1)),
            DegradationKind.PoorCrop => Degrade.OffCentreCrop(src, a, rng.Next(4)),
            DegradationKind.PhonePipeline => PhonePipeline.Apply(src, s, scale, rng),
            DegradationKind.Vignette => Degrade.Vignette(src, a),
            DegradationKind.SubjectCut => Degrade.SubjectCut(src, a, rng.Next(4)),
            _ => src,
        };
    }
}
