using BestShot.Core.Imaging;

namespace BestShot.Lab.Synth;

/// <summary>
/// Random chains of damage, the BSRGAN / Real-ESRGAN recipe: each copy draws one to three kinds of damage (one blur
/// of four, noise, exposure, haze, colour cast, JPEG), each at a continuous strength, applied in random order, after a
/// random resize and crop of the source. A model trained on the 14 fixed kinds at three fixed steps learns those
/// steps; on chains it has to learn the damage itself.
///
/// The severity model (documented in docs/model-card.md): each link has a severity s in [0.3, 3] on the fixed kinds'
/// scale (1, 2, 3 = the low, medium and high rows of <see cref="Degradation.Amount"/>, linear in between, 0 = no
/// damage); a chain's severity is its worst link plus half of each other link, since two medium faults spoil a photo
/// more than one but less than two photos' worth. One copy in five is a clean resized crop (severity 0), so that
/// size and framing alone never lower the label.
/// </summary>
public static class DamageChains
{
    public sealed record Link(string Kind, double Severity);

    public sealed record Chain(RgbImage Image, int JpegQuality, double Severity, IReadOnlyList<Link> Links)
    {
        public string Describe() =>
            Links.Count == 0
                ? "clean"
                : string.Join(" → ", Links.Select(l => FormattableString.Invariant($"{l.Kind} {l.Severity:0.00}")));
    }

    static readonly string[] Kinds = ["blur", "noise", "exposure", "haze", "colour_cast", "jpeg"];
    static readonly string[] Blurs = ["gaussian", "motion", "defocus", "resize"];

    public static Chain Make(RgbImage source, Random rng)
    {
        var image = ResizeAndCrop(source, rng);
        if (rng.NextDouble() < 0.2)
            return new Chain(image, 95, 0, []);
        int count = rng.NextDouble() switch
        {
            < 0.45 => 1,
            < 0.8 => 2,
            _ => 3,
        };
        var kinds = Kinds.OrderBy(_ => rng.Next()).Take(count).ToList();
        var links = new List<Link>();
        int quality = 95;
        double scale = Math.Max(1.0, image.ShortSide / 500.0);
        foreach (var kind in kinds)
        {
            double s = 0.3 + 2.7 * rng.NextDouble();
            switch (kind)
            {
                case "blur":
                    string blur = Blurs[rng.Next(Blurs.Length)];
                    image = Blur(image, blur, s, scale, rng);
                    links.Add(new Link(blur + "_blur", s));
                    continue;
                case "noise":
                    image = Noise(image, Along(s, 0, 8, 16, 32), chroma: rng.NextDouble(), signalDependent: rng.Next(2) == 0, rng);
                    break;
                case "exposure":
                    bool over = rng.Next(2) == 0;
                    image = Degrade.Exposure(
                        image,
                        Math.Exp(over ? Along(s, 0, 0.300, 0.531, 0.788) : Along(s, 0, -0.431, -0.799, -1.273))
                    );
                    break;
                case "haze":
                    image = Degrade.Haze(image, Along(s, 0, 0.3, 0.5, 0.7));
                    break;
                case "colour_cast":
                    image = Degrade.ColourCast(image, Along(s, 0, 0.12, 0.22, 0.35), rng.Next(3));
                    break;
                case "jpeg":
                    quality = (int)Math.Round(Along(s, 95, 30, 15, 6)); // the encoder applies it, last
                    break;
            }
            links.Add(new Link(kind, s));
        }
        double worst = links.Max(l => l.Severity);
        double severity = worst + 0.5 * (links.Sum(l => l.Severity) - worst);
        return new Chain(image, quality, severity, links);
    }

    /// <summary>Linear through (0, none), (1, low), (2, medium), (3, high): the fixed kinds' rows, continuous.</summary>
    static double Along(double s, double none, double low, double medium, double high) =>
        s <= 1 ? none + (low - none) * s
        : s <= 2 ? low + (medium - low) * (s - 1)
        : medium + (high - medium) * (s - 2);

    static RgbImage Blur(RgbImage image, string blur, double s, double scale, Random rng) =>
        blur switch
        {
            "gaussian" => Degrade.GaussianBlur(image, Along(s, 0, 1.2, 2.2, 4.0) * scale),
            "motion" => Degrade.MotionBlur(image, Along(s, 0, 7, 13, 25) * scale, rng.NextDouble() * Math.PI),
            "defocus" => Degrade.Defocus(image, Along(s, 0, 2.0, 3.5, 6.0) * scale),
            _ => DownAndUp(image, Along(s, 1, 2, 3, 5)),
        };

    /// <summary>Shrinks by the factor and enlarges back, as a small photo blown up to size is.</summary>
    static RgbImage DownAndUp(RgbImage image, double factor)
    {
        var small = LanczosResizer.Resize(image, Math.Max(8, (int)(image.Width / factor)), Math.Max(8, (int)(image.Height / factor)));
        return LanczosResizer.Resize(small, image.Width, image.Height);
    }

    /// <summary>
    /// Gaussian noise of σ levels split between luminance and independent per-channel (chroma) noise by `chroma`;
    /// signal-dependent noise scales σ with √(level / 128), as photon noise does.
    /// </summary>
    static RgbImage Noise(RgbImage src, double sigma, double chroma, bool signalDependent, Random rng)
    {
        var dst = new RgbImage(src.Width, src.Height);
        var p = src.Pixels;
        double lumaPart = Math.Sqrt(1 - chroma),
            chromaPart = Math.Sqrt(chroma);
        for (int i = 0; i < p.Length; i += 3)
        {
            double level = 0.299 * p[i] + 0.587 * p[i + 1] + 0.114 * p[i + 2];
            double sd = signalDependent ? sigma * Math.Sqrt(Math.Max(level, 4) / 128.0) : sigma;
            double luma = Degrade.Gaussian(rng) * sd * lumaPart;
            for (int c = 0; c < 3; c++)
                dst.Pixels[i + c] = Degrade.ToByte((float)(p[i + c] + luma + Degrade.Gaussian(rng) * sd * chromaPart));
        }
        return dst;
    }

    /// <summary>Half the copies are shrunk to a long side of 480–1024 px, half are cropped to 60–100 % of each side.</summary>
    static RgbImage ResizeAndCrop(RgbImage image, Random rng)
    {
        if (rng.Next(2) == 0)
        {
            double keepW = 0.6 + 0.4 * rng.NextDouble(),
                keepH = 0.6 + 0.4 * rng.NextDouble();
            int w = Math.Max(64, (int)(image.Width * keepW)),
                h = Math.Max(64, (int)(image.Height * keepH));
            image = image.Crop(rng.Next(image.Width - w + 1), rng.Next(image.Height - h + 1), w, h);
        }
        if (rng.Next(2) == 0)
        {
            int longSide = Math.Max(image.Width, image.Height);
            int target = 480 + rng.Next(545);
            if (target < longSide)
                image = LanczosResizer.Scale(image, (double)target / longSide);
        }
        return image;
    }
}
