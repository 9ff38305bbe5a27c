using BestShot.Core.Imaging;
using ImageMagick;

namespace BestShot.Lab.Synth;

/// <summary>
/// A second damage generator, written apart from <see cref="Degradation"/> and on other code: ImageMagick's own blur,
/// motion, noise and resize operators and its own JPEG encoder (libjpeg, chroma 4:2:0 or 4:4:4), with strengths of
/// its own. It exists to check the model on damage it was never trained on (`synth degradations --outside`): it is
/// never used to train or to choose a recipe. The kinds carry the names of their counterparts so that `eval` reports
/// them side by side; what each does differs (noise, for one, is drawn per channel, in luminance only, or as
/// Poisson noise, at random, where ours is mostly luminance).
/// </summary>
public static class MagickDamage
{
    public static readonly DegradationKind[] Kinds =
    [
        DegradationKind.GaussianBlur,
        DegradationKind.MotionBlur,
        DegradationKind.Defocus,
        DegradationKind.Noise,
        DegradationKind.Jpeg,
        DegradationKind.Overexposure,
        DegradationKind.Underexposure,
    ];

    /// <summary>What each kind does at severity 1–3, for synth.json.</summary>
    public static string Describe(DegradationKind kind, int s) =>
        kind switch
        {
            DegradationKind.GaussianBlur => $"Magick GaussianBlur, sigma {Pick(s, 0.9, 1.8, 3.6)} px per 1000 px of long side",
            DegradationKind.MotionBlur => $"Magick MotionBlur, {Pick(s, 6, 12, 24)} px per 1000 px, random angle",
            DegradationKind.Defocus => $"resize blur: Magick Resize to {Pick(s, 55, 35, 22)} % and back",
            DegradationKind.Noise =>
                $"Magick AddNoise (per-channel Gaussian, luminance Gaussian or Poisson), attenuate {Pick(s, 0.5, 1, 2)}",
            DegradationKind.Jpeg => $"Magick JPEG quality {Pick(s, 35, 18, 8)}, sampling 4:2:0 or 4:4:4",
            DegradationKind.Overexposure => $"Evaluate × {Pick(s, 1.4, 1.8, 2.5)}, then gamma {Pick(s, 1.05, 1.1, 1.2)}",
            DegradationKind.Underexposure => $"Evaluate × {Pick(s, 0.65, 0.45, 0.28)}, then gamma {Pick(s, 0.95, 0.9, 0.85)}",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a kind of the outside generator"),
        };

    static double Pick(int severity, double low, double medium, double high) =>
        severity switch
        {
            1 => low,
            2 => medium,
            _ => high,
        };

    /// <summary>
    /// The original as the generator writes it: resized by Magick to a random long side of 720–2000 px (never enlarged).
    /// </summary>
    public static MagickImage Original(RgbImage source, Random rng)
    {
        var image = new MagickImage(
            source.Pixels,
            new PixelReadSettings((uint)source.Width, (uint)source.Height, StorageType.Char, "RGB")
        );
        int longSide = Math.Max(source.Width, source.Height),
            target = 720 + rng.Next(1281);
        if (target < longSide)
            image.Resize(new Percentage(100.0 * target / longSide));
        return image;
    }

    /// <summary>The damaged copy's JPEG bytes (quality 95, 4:4:4, except for the JPEG kind itself).</summary>
    public static byte[] Damaged(MagickImage original, DegradationKind kind, int s, Random rng)
    {
        using var image = (MagickImage)original.Clone();
        double per1000 = Math.Max(image.Width, image.Height) / 1000.0;
        int quality = 95;
        string sampling = "4:4:4";
        switch (kind)
        {
            case DegradationKind.GaussianBlur:
                image.GaussianBlur(0, Pick(s, 0.9, 1.8, 3.6) * per1000);
                break;
            case DegradationKind.MotionBlur:
                image.MotionBlur(0, Pick(s, 6, 12, 24) * per1000 / 2, rng.NextDouble() * 180);
                break;
            case DegradationKind.Defocus:
                var size = new MagickGeometry(image.Width, image.Height) { IgnoreAspectRatio = true };
                image.Resize(new Percentage(Pick(s, 55, 35, 22)));
                image.Resize(size);
                break;
            case DegradationKind.Noise:
                var type = rng.Next(3);
                double attenuate = Pick(s, 0.5, 1, 2);
                if (type == 2)
                    image.AddNoise(NoiseType.Poisson, attenuate, Channels.RGB);
                else if (type == 1)
                {
                    // Luminance only: a mid-grey layer's noise, made grey, laid over the photo (grey 50 % is neutral).
                    using var grey = new MagickImage(MagickColors.Gray, image.Width, image.Height);
                    grey.AddNoise(NoiseType.Gaussian, attenuate);
                    grey.Grayscale();
                    image.Composite(grey, CompositeOperator.Overlay, Channels.RGB);
                }
                else
                    image.AddNoise(NoiseType.Gaussian, attenuate, Channels.RGB);
                break;
            case DegradationKind.Jpeg:
                quality = (int)Pick(s, 35, 18, 8);
                sampling = rng.Next(2) == 0 ? "4:2:0" : "4:4:4";
                break;
            case DegradationKind.Overexposure:
                image.Evaluate(Channels.RGB, EvaluateOperator.Multiply, Pick(s, 1.4, 1.8, 2.5));
                image.GammaCorrect(Pick(s, 1.05, 1.1, 1.2));
                break;
            case DegradationKind.Underexposure:
                image.Evaluate(Channels.RGB, EvaluateOperator.Multiply, Pick(s, 0.65, 0.45, 0.28));
                image.GammaCorrect(Pick(s, 0.95, 0.9, 0.85));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a kind of the outside generator");
        }
        return Jpeg(image, quality, sampling);
    }

    public static byte[] Jpeg(MagickImage image, int quality, string sampling)
    {
        image.Quality = (uint)quality;
        image.Settings.SetDefine(MagickFormat.Jpeg, "sampling-factor", sampling);
        return image.ToByteArray(MagickFormat.Jpeg);
    }
}
