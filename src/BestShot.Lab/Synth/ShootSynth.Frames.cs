using BestShot.Core.Imaging;

namespace BestShot.Lab.Synth;

// Frames: one source photo panned, exposed and spoiled as a burst of a real shoot would be.
public static partial class ShootSynth
{
    static RgbImage Frame(
        RgbImage src,
        string kind,
        double sceneFrac,
        double cx,
        double cy,
        double pan,
        double jx,
        double jy,
        double zoom,
        int longSide
    )
    {
        int w,
            h,
            x0,
            y0;
        if (kind == "panorama")
        {
            w = (int)(src.Width * sceneFrac);
            h = (int)(src.Height * 0.9);
            x0 = (int)(src.Width * pan);
            y0 = (src.Height - h) / 2;
        }
        else
        {
            w = (int)(src.Width * sceneFrac / zoom);
            h = (int)(src.Height * sceneFrac / zoom);
            x0 = Math.Clamp((int)((src.Width - w) * cx + jx * src.Width), 0, src.Width - w);
            y0 = Math.Clamp((int)((src.Height - h) * cy + jy * src.Height), 0, src.Height - h);
        }
        double s = (double)longSide / Math.Max(w, h);
        return LanczosResizer.Resize(src.Crop(x0, y0, w, h), Math.Max(1, (int)(w * s)), Math.Max(1, (int)(h * s)));
    }

    static RgbImage Spoil(RgbImage f, string spoil, Random rng)
    {
        int side = Math.Max(f.Width, f.Height);
        return spoil switch
        {
            "motion blur" => Degrade.MotionBlur(f, side * 0.025, rng.NextDouble() * Math.PI),
            "missed focus" => Degrade.GaussianBlur(f, side * 0.006),
            "local blur" => LocalBlur(f, rng),
            "under-exposed" => Degrade.Exposure(f, 0.25),
            "over-exposed" => Degrade.Exposure(f, 2.8),
            _ => f,
        };
    }

    /// <summary>A blurred ellipse over a fifth of the frame near its centre: the subject soft, the rest sharp.</summary>
    static RgbImage LocalBlur(RgbImage f, Random rng)
    {
        var blurred = Degrade.GaussianBlur(f, Math.Max(f.Width, f.Height) * 0.008);
        var dst = new RgbImage(f.Width, f.Height);
        double cx = f.Width * (0.35 + 0.3 * rng.NextDouble()),
            cy = f.Height * (0.35 + 0.3 * rng.NextDouble()),
            rx = f.Width * 0.25,
            ry = f.Height * 0.25;
        for (int y = 0; y < f.Height; y++)
        for (int x = 0; x < f.Width; x++)
        {
            double d = Math.Pow((x - cx) / rx, 2) + Math.Pow((y - cy) / ry, 2);
            double a = Math.Clamp(1.5 - d, 0, 1); // soft edge
            int o = (y * f.Width + x) * 3;
            for (int c = 0; c < 3; c++)
                dst.Pixels[o + c] = (byte)Math.Round(a * blurred.Pixels[o + c] + (1 - a) * f.Pixels[o + c]);
        }
        return dst;
    }

    /// <summary>An abstract picture for machines without ../shared: gradients and discs, different per index.</summary>
    static RgbImage Pattern(int index, int w, int h)
    {
        var rng = new Random(index * 7919 + 1);
        var img = new RgbImage(w, h);
        var discs = Enumerable.Range(0, 6).Select(_ => (rng.Next(w), rng.Next(h), 20 + rng.Next(h / 3), rng.Next(256))).ToArray();
        int a = rng.Next(256),
            b = rng.Next(256);
        for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
        {
            int o = (y * w + x) * 3;
            img.Pixels[o] = (byte)((a + x * 200 / w) % 256);
            img.Pixels[o + 1] = (byte)((b + y * 200 / h) % 256);
            img.Pixels[o + 2] = (byte)((x / 24 + y / 24) % 2 * 120);
            foreach (var (dx, dy, r, v) in discs)
                if ((x - dx) * (x - dx) + (y - dy) * (y - dy) < r * r)
                    img.Pixels[o + 2] = img.Pixels[o] = (byte)v;
        }
        return img;
    }
}
