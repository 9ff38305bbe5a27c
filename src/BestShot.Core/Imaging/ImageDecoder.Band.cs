using SkiaSharp;

namespace BestShot.Core.Imaging;

// Bands: the full-resolution rows the detail crops are cut from, decoded without the rest of the image.
public static partial class ImageDecoder
{
    /// <summary>
    /// Decodes rows [y0, y0+rows) of the stored (not yet oriented) image at full resolution. For JPEG this is a
    /// scanline decode that skips the rows above the band and stops after it, a fraction of a full decode.
    /// Returns the band and the EXIF origin to apply to anything cut from it.
    /// </summary>
    /// <param name="band">Given the stored width and height: the rows to decode, and the columns [X0, X0+Columns) needed from them.</param>
    public static (RgbaBand Band, SKEncodedOrigin Origin, int Width, int Height) DecodeBand(
        byte[] data,
        string name,
        Func<int, int, (int Y0, int Rows, int X0, int Columns)> band,
        DecodeOptions options
    )
    {
        using var skData = Pinned(data);
        using var codec = Open(skData, name);
        var info = codec.Info;
        var (y0, rows, x0, columns) = band(info.Width, info.Height);
        CheckSize(info, name, options);
        var target = Target(info.Width, info.Height);
        if (codec.EncodedFormat == SKEncodedImageFormat.Jpeg && codec.ScanlineOrder == SKCodecScanlineOrder.TopDown)
        {
            // Column subset: libjpeg-turbo skips the inverse DCT of every block outside it. Skia may widen the
            // subset to whole blocks, so it reports the columns it really decodes.
            var subset = new SKRectI(x0, 0, x0 + columns, info.Height);
            var started = codec.StartScanlineDecode(target, new SKCodecOptions(subset));
            if (started != SKCodecResult.Success)
            {
                subset = new SKRectI(0, 0, info.Width, info.Height);
                started = codec.StartScanlineDecode(target);
            }
            if (started == SKCodecResult.Success)
            {
                int bandWidth = subset.Width;
                var partial = new byte[bandWidth * 4 * rows];
                if (y0 > 0 && !codec.SkipScanlines(y0))
                    throw new ImageDecodeException(name, Truncated);
                int got;
                unsafe
                {
                    fixed (byte* p = partial)
                        got = codec.GetScanlines((IntPtr)p, rows, bandWidth * 4);
                }
                if (got < rows)
                    throw new ImageDecodeException(name, Truncated);
                return (new RgbaBand(partial, bandWidth, rows, subset.Left), OriginOf(codec, name), info.Width, info.Height);
            }
        }
        // Other formats: the band's rows by scanline where the codec can, else one full decode and then its rows.
        if ((long)info.Width * info.Height > LargePixels && ScanlineDecode.Rows(codec, data, y0, rows, name) is byte[] bandRows)
            return (new RgbaBand(bandRows, info.Width, rows, 0), OriginOf(codec, name), info.Width, info.Height);
        var full = Pixels(codec, target, name);
        var rgba = new byte[target.RowBytes * rows];
        Array.Copy(full, (long)y0 * target.RowBytes, rgba, 0, rgba.Length);
        return (new RgbaBand(rgba, info.Width, rows, 0), OriginOf(codec, name), info.Width, info.Height);
    }

    /// <summary>The window [x0, x0+w) × [y0, y0+h) of an RGBA buffer `stride` pixels wide, as RGB over white.</summary>
    internal static RgbImage RgbaOverWhite(byte[] rgba, int stride, int x0, int y0, int w, int h)
    {
        var rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++)
        {
            int i = ((y0 + y) * stride + x0) * 4,
                j = y * w * 3;
            for (int x = 0; x < w; x++, i += 4, j += 3)
            {
                int a = rgba[i + 3];
                if (a == 255)
                {
                    rgb[j] = rgba[i];
                    rgb[j + 1] = rgba[i + 1];
                    rgb[j + 2] = rgba[i + 2];
                }
                else
                {
                    int white = 255 * (255 - a);
                    rgb[j] = (byte)((rgba[i] * a + white + 127) / 255);
                    rgb[j + 1] = (byte)((rgba[i + 1] * a + white + 127) / 255);
                    rgb[j + 2] = (byte)((rgba[i + 2] * a + white + 127) / 255);
                }
            }
        }
        return new RgbImage(w, h, rgb);
    }
}
