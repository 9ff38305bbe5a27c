using SkiaSharp;

namespace BestShot.Core.Imaging;

/// <summary>Applies the EXIF orientation that Skia reports but does not apply, so every image is upright.</summary>
public static class Orientation
{
    public static RgbImage Apply(RgbImage src, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft || (int)origin is < 1 or > 8)
            return src;
        int w = src.Width,
            h = src.Height;
        bool swap = (int)origin >= 5; // 5..8 rotate by 90 degrees
        int ow = swap ? h : w,
            oh = swap ? w : h;
        var dst = new RgbImage(ow, oh);
        byte[] s = src.Pixels,
            d = dst.Pixels;
        for (int y = 0; y < oh; y++)
        for (int x = 0; x < ow; x++)
        {
            (int sx, int sy) = origin switch
            {
                SKEncodedOrigin.TopRight => (w - 1 - x, y), // mirrored
                SKEncodedOrigin.BottomRight => (w - 1 - x, h - 1 - y), // rotated 180
                SKEncodedOrigin.BottomLeft => (x, h - 1 - y), // flipped vertically
                SKEncodedOrigin.LeftTop => (y, x), // transposed
                SKEncodedOrigin.RightTop => (y, h - 1 - x), // rotate 90 clockwise to display
                SKEncodedOrigin.RightBottom => (w - 1 - y, h - 1 - x), // transverse
                _ => (w - 1 - y, x), // LeftBottom: rotate 90 counter-clockwise
            };
            int si = (sy * w + sx) * 3,
                di = (y * ow + x) * 3;
            d[di] = s[si];
            d[di + 1] = s[si + 1];
            d[di + 2] = s[si + 2];
        }
        return dst;
    }
}
