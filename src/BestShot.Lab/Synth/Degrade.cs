using BestShot.Core.Imaging;

namespace BestShot.Lab.Synth;

/// <summary>Pixel operations used to plant known degradations in synthetic data.</summary>
public static class Degrade
{
    /// <summary>Separable Gaussian blur with edge clamping; sigma in pixels.</summary>
    public static RgbImage GaussianBlur(RgbImage src, double sigma)
    {
        if (sigma <= 0)
            return src;
        int radius = (int)Math.Ceiling(3 * sigma);
        var k = new float[2 * radius + 1];
        float sum = 0;
        for (int i = -radius; i <= radius; i++)
            sum += k[i + radius] = (float)Math.Exp(-i * i / (2 * sigma * sigma));
        for (int i = 0; i < k.Length; i++)
            k[i] /= sum;
        int w = src.Width,
            h = src.Height;
        var rows = Pass(Array.ConvertAll(src.Pixels, v => (float)v), w, h, k, vertical: false);
        var both = Pass(rows, w, h, k, vertical: true);
        var dst = new RgbImage(w, h);
        for (int i = 0; i < both.Length; i++)
            dst.Pixels[i] = ToByte(both[i]);
        return dst;
    }

    /// <summary>One pass of a separable filter with kernel `k`, along rows or along columns, edges clamped.</summary>
    static float[] Pass(float[] src, int w, int h, float[] k, bool vertical)
    {
        int radius = k.Length / 2;
        var dst = new float[src.Length];
        Parallel.For(
            0,
            h,
            y =>
            {
                for (int x = 0; x < w; x++)
                for (int c = 0; c < 3; c++)
                {
                    float acc = 0;
                    for (int i = -radius; i <= radius; i++)
                    {
                        int p = vertical ? Math.Clamp(y + i, 0, h - 1) * w + x : y * w + Math.Clamp(x + i, 0, w - 1);
                        acc += k[i + radius] * src[p * 3 + c];
                    }
                    dst[(y * w + x) * 3 + c] = acc;
                }
            }
        );
        return dst;
    }

    /// <summary>Scales linear-ish intensity by gain (below 1 darkens, above 1 over-exposes and clips).</summary>
    public static RgbImage Exposure(RgbImage src, double gain)
    {
        var dst = new RgbImage(src.Width, src.Height);
        for (int i = 0; i < src.Pixels.Length; i++)
            dst.Pixels[i] = ToByte((float)(src.Pixels[i] * gain));
        return dst;
    }

    /// <summary>Average along a line of the given length and angle: camera shake.</summary>
    public static RgbImage MotionBlur(RgbImage src, double length, double angle)
    {
        int taps = Math.Max(2, (int)Math.Round(length));
        var kernel = Enumerable
            .Range(0, taps)
            .Select(i =>
            {
                double t = i / (double)(taps - 1) - 0.5;
                return (t * length * Math.Cos(angle), t * length * Math.Sin(angle), 1.0 / taps);
            })
            .ToArray();
        return Convolve(src, kernel);
    }

    /// <summary>A uniform disc: an out-of-focus lens.</summary>
    public static RgbImage Defocus(RgbImage src, double radius)
    {
        int r = (int)Math.Ceiling(radius);
        var taps = new List<(double, double, double)>();
        for (int dy = -r; dy <= r; dy++)
        for (int dx = -r; dx <= r; dx++)
            if (dx * dx + dy * dy <= radius * radius)
                taps.Add((dx, dy, 1));
        return Convolve(src, taps.Select(t => (t.Item1, t.Item2, 1.0 / taps.Count)).ToArray());
    }

    /// <summary>Sensor-like noise: mostly luminance, some chroma, σ in 8-bit levels.</summary>
    public static RgbImage Noise(RgbImage src, double sigma, Random rng)
    {
        var dst = new RgbImage(src.Width, src.Height);
        for (int i = 0; i < src.Pixels.Length; i += 3)
        {
            double luma = Gaussian(rng) * sigma * 0.85;
            for (int c = 0; c < 3; c++)
                dst.Pixels[i + c] = ToByte((float)(src.Pixels[i + c] + luma + Gaussian(rng) * sigma * 0.5));
        }
        return dst;
    }

    /// <summary>Blend towards a light grey veil: low contrast, haze.</summary>
    public static RgbImage Haze(RgbImage src, double amount)
    {
        var dst = new RgbImage(src.Width, src.Height);
        for (int i = 0; i < src.Pixels.Length; i++)
            dst.Pixels[i] = ToByte((float)(src.Pixels[i] * (1 - amount) + 200 * amount));
        return dst;
    }

    /// <summary>Shift white balance: cast 0 warm (R up, B down), 1 cool, 2 green.</summary>
    public static RgbImage ColourCast(RgbImage src, double strength, int cast)
    {
        double[] gain = cast switch
        {
            0 => [1 + strength, 1, 1 - strength],
            1 => [1 - strength, 1, 1 + strength],
            _ => [1 - strength / 2, 1 + strength, 1 - strength / 2],
        };
        var dst = new RgbImage(src.Width, src.Height);
        for (int i = 0; i < src.Pixels.Length; i++)
            dst.Pixels[i] = ToByte((float)(src.Pixels[i] * gain[i % 3]));
        return dst;
    }

    /// <summary>Rotate by `degrees` and keep the largest upright rectangle of the same aspect: a tilted horizon.</summary>
    public static RgbImage Tilt(RgbImage src, double degrees)
    {
        double a = Math.Abs(degrees) * Math.PI / 180;
        int w = src.Width,
            h = src.Height;
        // Largest axis-aligned rectangle with the image's aspect inside the rotated frame.
        double k = Math.Min(w / (w * Math.Cos(a) + h * Math.Sin(a)), h / (w * Math.Sin(a) + h * Math.Cos(a)));
        int cw = Math.Max(1, (int)(w * k)),
            ch = Math.Max(1, (int)(h * k));
        var rotated = Augment.Warp(src, false, degrees * Math.PI / 180, 0, 0, 1);
        return rotated.Crop((w - cw) / 2, (h - ch) / 2, cw, ch);
    }

    /// <summary>Keep `fraction` of each side, anchored at a corner, so the centre of interest is cut or pushed aside.</summary>
    public static RgbImage OffCentreCrop(RgbImage src, double fraction, int corner)
    {
        int cw = Math.Max(1, (int)(src.Width * fraction)),
            ch = Math.Max(1, (int)(src.Height * fraction));
        int x0 = corner % 2 == 0 ? 0 : src.Width - cw,
            y0 = corner / 2 == 0 ? 0 : src.Height - ch;
        return src.Crop(x0, y0, cw, ch);
    }

    /// <summary>Radial darkening to (1 − strength) in the corners, smooth from the centre: a cheap lens wide open.</summary>
    public static RgbImage Vignette(RgbImage src, double strength)
    {
        int w = src.Width,
            h = src.Height;
        var dst = new RgbImage(w, h);
        double cx = (w - 1) / 2.0,
            cy = (h - 1) / 2.0,
            corner = Math.Sqrt(cx * cx + cy * cy);
        for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
        {
            double r = Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy)) / Math.Max(corner, 1);
            float gain = (float)(1 - strength * r * r * (3 - 2 * r)); // smoothstep: flat centre, dark corners
            int i = (y * w + x) * 3;
            for (int c = 0; c < 3; c++)
                dst.Pixels[i + c] = ToByte(src.Pixels[i + c] * gain);
        }
        return dst;
    }

    /// <summary>
    /// A frame that cuts the subject: one edge runs `margin` of the photo's width (or height) from its centre, where the
    /// subject usually is, and the frame reaches the opposite side, keeping 0.5 + margin of each side (the aspect stays).
    /// Side 0–3: the cutting edge is the left, right, top or bottom one.
    /// </summary>
    public static RgbImage SubjectCut(RgbImage src, double margin, int side)
    {
        int cw = Math.Max(1, (int)(src.Width * (0.5 + margin))),
            ch = Math.Max(1, (int)(src.Height * (0.5 + margin)));
        int x0 = (src.Width - cw) / 2,
            y0 = (src.Height - ch) / 2;
        (x0, y0) = side switch
        {
            0 => (src.Width - cw, y0), // the left edge lies just left of the centre: most of the subject is cut away
            1 => (0, y0),
            2 => (x0, src.Height - ch),
            _ => (x0, 0),
        };
        return src.Crop(x0, y0, cw, ch);
    }

    /// <summary>Convolution with a sparse kernel of (dx, dy, weight) taps, bilinear sampling, clamped edges.</summary>
    static RgbImage Convolve(RgbImage src, (double Dx, double Dy, double W)[] taps)
    {
        int w = src.Width,
            h = src.Height;
        var dst = new RgbImage(w, h);
        byte[] s = src.Pixels;
        Parallel.For(
            0,
            h,
            y =>
            {
                Span<double> acc = stackalloc double[3];
                for (int x = 0; x < w; x++)
                {
                    acc.Clear();
                    foreach (var (dx, dy, wt) in taps)
                    {
                        double sx = Math.Clamp(x + dx, 0, w - 1),
                            sy = Math.Clamp(y + dy, 0, h - 1);
                        int x0 = (int)sx,
                            y0 = (int)sy,
                            x1 = Math.Min(x0 + 1, w - 1),
                            y1 = Math.Min(y0 + 1, h - 1);
                        double fx = sx - x0,
                            fy = sy - y0;
                        for (int c = 0; c < 3; c++)
                            acc[c] +=
                                wt
                                * (
                                    s[(y0 * w + x0) * 3 + c] * (1 - fx) * (1 - fy)
                                    + s[(y0 * w + x1) * 3 + c] * fx * (1 - fy)
                                    + s[(y1 * w + x0) * 3 + c] * (1 - fx) * fy
                                    + s[(y1 * w + x1) * 3 + c] * fx * fy
                                );
                    }
                    for (int c = 0; c < 3; c++)
                        dst.Pixels[(y * w + x) * 3 + c] = ToByte((float)acc[c]);
                }
            }
        );
        return dst;
    }

    /// <summary>A standard normal draw (Box–Muller), from the caller's seeded generator so spoiled copies are reproducible.</summary>
    public static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    public static byte ToByte(float v) => (byte)Math.Clamp((int)MathF.Round(v), 0, 255);
}
