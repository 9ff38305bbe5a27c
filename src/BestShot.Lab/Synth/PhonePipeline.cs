using BestShot.Core.Imaging;

namespace BestShot.Lab.Synth;

/// <summary>
/// Combined damage in the style of Real-ESRGAN's high-order degradation model, as a phone's processing makes it: a
/// slightly soft lens, a dim exposure, sensor noise that grows with brightness (shot noise) on top of read noise,
/// then the camera's sharpening (which sharpens the noise too) and JPEG compression; at high severity the chain runs
/// a second round, as when a photo is re-shared. Every step is mild on its own: together they spoil the photo.
/// </summary>
public static class PhonePipeline
{
    sealed record Step(double BlurSigma, double Gain, double ShotNoise, double ReadNoise, double Sharpen, int Quality);

    static Step For(int severity) =>
        severity switch
        {
            1 => new Step(0.6, 0.85, 0.35, 3, 0.5, 60),
            2 => new Step(1.0, 0.7, 0.6, 5, 0.8, 40),
            _ => new Step(1.4, 0.6, 0.8, 7, 1.0, 30),
        };

    public static string Describe(int severity)
    {
        var s = For(severity);
        return $"blur σ {s.BlurSigma} px per 500 px, gain ×{s.Gain}, shot noise {s.ShotNoise}·√level + read noise σ {s.ReadNoise}, "
            + $"sharpen {s.Sharpen}, JPEG q{s.Quality}{(severity >= 3 ? ", twice" : "")}";
    }

    /// <param name="scale">Pixel-scale effects grow with the photo: its short side over 500 px, at least 1.</param>
    public static RgbImage Apply(RgbImage src, int severity, double scale, Random rng)
    {
        var s = For(severity);
        var image = Round(src, s, scale, rng);
        return severity >= 3 ? Round(image, For(1), scale, rng) : image;
    }

    static RgbImage Round(RgbImage src, Step s, double scale, Random rng)
    {
        var image = Degrade.GaussianBlur(src, s.BlurSigma * scale * (0.8 + 0.4 * rng.NextDouble()));
        image = Degrade.Exposure(image, s.Gain);
        image = ShotAndReadNoise(image, s.ShotNoise, s.ReadNoise, rng);
        image = UnsharpMask(image, s.Sharpen);
        var jpeg = ImageEncoder.Encode(image, SkiaSharp.SKEncodedImageFormat.Jpeg, s.Quality);
        return ImageDecoder.Decode(jpeg, "phone-pipeline", new DecodeOptions());
    }

    /// <summary>Per pixel: σ² = shot² · level + read², mostly in luma as a sensor's demosaiced noise is.</summary>
    static RgbImage ShotAndReadNoise(RgbImage src, double shot, double read, Random rng)
    {
        var dst = new RgbImage(src.Width, src.Height);
        var p = src.Pixels;
        for (int i = 0; i < p.Length; i += 3)
        {
            double level = 0.299 * p[i] + 0.587 * p[i + 1] + 0.114 * p[i + 2];
            double sigma = Math.Sqrt(shot * shot * level + read * read);
            double luma = Degrade.Gaussian(rng) * sigma * 0.85;
            for (int c = 0; c < 3; c++)
                dst.Pixels[i + c] = Degrade.ToByte((float)(p[i + c] + luma + Degrade.Gaussian(rng) * sigma * 0.4));
        }
        return dst;
    }

    /// <summary>image + amount · (image − blur(image, σ 1)): the halo-prone sharpening of camera firmware.</summary>
    static RgbImage UnsharpMask(RgbImage src, double amount)
    {
        var blurred = Degrade.GaussianBlur(src, 1.0);
        var dst = new RgbImage(src.Width, src.Height);
        for (int i = 0; i < src.Pixels.Length; i++)
            dst.Pixels[i] = Degrade.ToByte((float)(src.Pixels[i] + amount * (src.Pixels[i] - blurred.Pixels[i])));
        return dst;
    }
}
