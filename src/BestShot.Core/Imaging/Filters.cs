namespace BestShot.Core.Imaging;

/// <summary>Pixel operations used to plant known degradations in synthetic data.</summary>
public static class Filters
{
    /// <summary>Separable Gaussian blur with edge clamping; sigma in pixels.</summary>
    public static RgbImage GaussianBlur(RgbImage src, double sigma)
    {
        if (sigma <= 0) return src;
        int radius = (int)Math.Ceiling(3 * sigma);
        var k = new float[2 * radius + 1];
        float sum = 0;
        for (int i = -radius; i <= radius; i++) sum += k[i + radius] = (float)Math.Exp(-i * i / (2 * sigma * sigma));
        for (int i = 0; i < k.Length; i++) k[i] /= sum;
        int w = src.Width, h = src.Height;
        var tmp = new float[w * h * 3];
        byte[] s = src.Pixels;
        Parallel.For(0, h, y =>
        {
            for (int x = 0; x < w; x++)
                for (int c = 0; c < 3; c++)
                {
                    float acc = 0;
                    for (int i = -radius; i <= radius; i++) acc += k[i + radius] * s[(y * w + Math.Clamp(x + i, 0, w - 1)) * 3 + c];
                    tmp[(y * w + x) * 3 + c] = acc;
                }
        });
        var dst = new RgbImage(w, h);
        Parallel.For(0, h, y =>
        {
            for (int x = 0; x < w; x++)
                for (int c = 0; c < 3; c++)
                {
                    float acc = 0;
                    for (int i = -radius; i <= radius; i++) acc += k[i + radius] * tmp[(Math.Clamp(y + i, 0, h - 1) * w + x) * 3 + c];
                    dst.Pixels[(y * w + x) * 3 + c] = ToByte(acc);
                }
        });
        return dst;
    }

    /// <summary>Scales linear-ish intensity by gain (below 1 darkens, above 1 over-exposes and clips).</summary>
    public static RgbImage Exposure(RgbImage src, double gain)
    {
        var dst = new RgbImage(src.Width, src.Height);
        for (int i = 0; i < src.Pixels.Length; i++) dst.Pixels[i] = ToByte((float)(src.Pixels[i] * gain));
        return dst;
    }

    public static byte ToByte(float v) => (byte)Math.Clamp((int)MathF.Round(v), 0, 255);
}
