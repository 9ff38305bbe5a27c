namespace BestShot.Core.Imaging;

/// <summary>An 8-bit sRGB image, 3 bytes per pixel, rows top to bottom, already in display orientation.</summary>
public sealed class RgbImage(int width, int height, byte[] pixels)
{
    public int Width { get; } = width;
    public int Height { get; } = height;
    public byte[] Pixels { get; } = pixels;

    public RgbImage(int width, int height)
        : this(width, height, new byte[width * height * 3]) { }

    public int ShortSide => Math.Min(Width, Height);

    /// <summary>The w×h rectangle whose top-left corner is (x0, y0), copied.</summary>
    public RgbImage Crop(int x0, int y0, int w, int h)
    {
        var dst = new RgbImage(w, h);
        for (int y = 0; y < h; y++)
            Array.Copy(Pixels, ((y0 + y) * Width + x0) * 3, dst.Pixels, y * w * 3, w * 3);
        return dst;
    }
}
