namespace BestShot.Core.Imaging;

/// <summary>An 8-bit sRGB image, 3 bytes per pixel, rows top to bottom, already in display orientation.</summary>
public sealed class RgbImage(int width, int height, byte[] pixels)
{
    public int Width { get; } = width;
    public int Height { get; } = height;
    public byte[] Pixels { get; } = pixels;

    public RgbImage(int width, int height) : this(width, height, new byte[width * height * 3]) { }

    public int ShortSide => Math.Min(Width, Height);
}
