namespace BestShot.Core.Imaging;

/// <summary>
/// The seed's light augmentation, applied to the 224×224 view: horizontal flip (p = 0.5), rotation ±3°,
/// translation ±7.5 %, scale 0.9–1.1. No colour changes: colour and exposure are part of what makes a photo good.
/// Bilinear sampling; pixels from outside the view are black, as torchvision's RandomAffine fills them.
/// Each call is reproducible from its seed.
/// </summary>
public sealed record AugmentOptions(
    double FlipProbability = 0.5,
    double MaxRotationDegrees = 3.0,
    double MaxTranslate = 0.075,
    double MinScale = 0.9,
    double MaxScale = 1.1
);

public static class Augment
{
    public static RgbImage Apply(RgbImage src, int seed, AugmentOptions? options = null)
    {
        var o = options ?? new AugmentOptions();
        var rng = new Random(seed);
        bool flip = rng.NextDouble() < o.FlipProbability;
        double angle = (rng.NextDouble() * 2 - 1) * o.MaxRotationDegrees * Math.PI / 180;
        // torchvision rounds translations to whole pixels.
        double tx = Math.Round((rng.NextDouble() * 2 - 1) * o.MaxTranslate * src.Width);
        double ty = Math.Round((rng.NextDouble() * 2 - 1) * o.MaxTranslate * src.Height);
        double scale = o.MinScale + rng.NextDouble() * (o.MaxScale - o.MinScale);
        return Warp(src, flip, angle, tx, ty, scale);
    }

    /// <summary>Output pixel p samples the source at the inverse of (flip, then rotate+scale about the centre, then translate).</summary>
    public static RgbImage Warp(RgbImage src, bool flip, double angle, double tx, double ty, double scale)
    {
        int w = src.Width,
            h = src.Height;
        double cx = (w - 1) / 2.0,
            cy = (h - 1) / 2.0;
        double cos = Math.Cos(angle) / scale,
            sin = Math.Sin(angle) / scale;
        var dst = new RgbImage(w, h);
        byte[] s = src.Pixels,
            d = dst.Pixels;
        for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
        {
            double dx = x - cx - tx,
                dy = y - cy - ty;
            double sx = cos * dx + sin * dy + cx;
            double sy = -sin * dx + cos * dy + cy;
            if (flip)
                sx = w - 1 - sx;
            int x0 = (int)Math.Floor(sx),
                y0 = (int)Math.Floor(sy);
            double fx = sx - x0,
                fy = sy - y0;
            int o = (y * w + x) * 3;
            for (int c = 0; c < 3; c++)
            {
                double v =
                    Sample(s, w, h, x0, y0, c) * (1 - fx) * (1 - fy)
                    + Sample(s, w, h, x0 + 1, y0, c) * fx * (1 - fy)
                    + Sample(s, w, h, x0, y0 + 1, c) * (1 - fx) * fy
                    + Sample(s, w, h, x0 + 1, y0 + 1, c) * fx * fy;
                d[o + c] = (byte)Math.Clamp((int)Math.Round(v), 0, 255);
            }
        }
        return dst;
    }

    static double Sample(byte[] s, int w, int h, int x, int y, int c) => x < 0 || y < 0 || x >= w || y >= h ? 0 : s[(y * w + x) * 3 + c];
}
