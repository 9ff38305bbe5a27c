namespace BestShot.Core.Imaging;

/// <summary>
/// Rows of a decoded image kept as RGBA, starting at stored column X0; only the windows asked for are converted to
/// RGB, so a wide band costs no conversion outside its crops.
/// </summary>
public sealed record RgbaBand(byte[] Rgba, int Width, int Rows, int X0)
{
    /// <summary>The window at stored column x (not band column), `w` wide and `h` tall, from the band's first row.</summary>
    public RgbImage Crop(int x, int w, int h) => ImageDecoder.RgbaOverWhite(Rgba, Width, x - X0, 0, w, h);
}
