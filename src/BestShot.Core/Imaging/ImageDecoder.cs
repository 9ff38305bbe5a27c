using SkiaSharp;

namespace BestShot.Core.Imaging;

/// <summary>Decoder limits, as options so that a caller can trade memory for resolution.</summary>
public sealed record DecodeOptions
{
    /// <summary>
    /// Decode at reduced scale (JPEG DCT scaling: 1/2, 1/4, 1/8) as long as the short side stays at least this long.
    /// Null decodes at full resolution.
    /// </summary>
    public int? MinShortSide { get; init; }

    /// <summary>Refuse to allocate more than this many decoded pixels (a 100 MP decode is 400 MB of RGBA).</summary>
    public long MaxDecodedPixels { get; init; } = 100_000_000;
}

/// <summary>
/// Decodes any format Skia reads (JPEG, PNG, WebP, GIF, BMP, ICO, WBMP, HEIF where the platform has it) to 8-bit sRGB
/// RGB in display orientation. Colour-managed: embedded ICC profiles, CMYK, grayscale and 16-bit inputs are all
/// converted to sRGB by Skia. Transparent pixels are composited onto white, as a photo viewer shows them.
/// </summary>
public static class ImageDecoder
{
    static readonly DecodeOptions Full = new();

    public static RgbImage Decode(string path, DecodeOptions? options = null)
    {
        FileStream stream;
        try { stream = File.OpenRead(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new ImageDecodeException(path, e is FileNotFoundException ? "file not found" : e.Message); }
        using (stream) return Decode(stream, path, options ?? Full);
    }

    public static RgbImage Decode(Stream stream, string name, DecodeOptions options)
    {
        if (stream.CanSeek && stream.Length == 0) throw new ImageDecodeException(name, "empty file (0 bytes)");
        using var codec = SKCodec.Create(stream, out var created);
        if (codec == null)
            throw new ImageDecodeException(name, created switch
            {
                SKCodecResult.IncompleteInput => "truncated image",
                _ => "not an image, or a format the decoder does not support",
            });
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0) throw new ImageDecodeException(name, "image has no pixels");

        var size = ChooseDecodeSize(codec, options.MinShortSide);
        if ((long)size.Width * size.Height > options.MaxDecodedPixels)
            throw new ImageDecodeException(name, $"image too large ({info.Width}×{info.Height}); the limit is {options.MaxDecodedPixels / 1_000_000} MP after scaled decoding");

        var target = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul, SKColorSpace.CreateSrgb());
        var rgba = new byte[target.BytesSize];
        SKCodecResult result;
        unsafe
        {
            fixed (byte* p = rgba) result = codec.GetPixels(target, (IntPtr)p);
        }
        // IncompleteInput leaves the missing rows filled; a cut-off photo is not a photo worth scoring.
        if (result == SKCodecResult.IncompleteInput) throw new ImageDecodeException(name, "truncated image (the file ends before the pixel data does)");
        if (result != SKCodecResult.Success) throw new ImageDecodeException(name, $"could not decode pixels ({result})");

        var rgb = RgbaOverWhite(rgba, size.Width, size.Height);
        return Orientation.Apply(rgb, codec.EncodedOrigin);
    }

    /// <summary>The smallest DCT-scaled size whose short side is still at least minShortSide; full size otherwise.</summary>
    static SKSizeI ChooseDecodeSize(SKCodec codec, int? minShortSide)
    {
        var full = codec.Info.Size;
        if (minShortSide is not int min || codec.EncodedFormat != SKEncodedImageFormat.Jpeg) return full;
        foreach (float scale in new[] { 0.125f, 0.25f, 0.5f })
        {
            var s = codec.GetScaledDimensions(scale);
            if (Math.Min(s.Width, s.Height) >= min && s.Width < full.Width) return s;
        }
        return full;
    }

    static RgbImage RgbaOverWhite(byte[] rgba, int width, int height)
    {
        var rgb = new byte[width * height * 3];
        for (int i = 0, j = 0; i < rgba.Length; i += 4, j += 3)
        {
            int a = rgba[i + 3];
            if (a == 255)
            {
                rgb[j] = rgba[i]; rgb[j + 1] = rgba[i + 1]; rgb[j + 2] = rgba[i + 2];
            }
            else
            {
                int white = 255 * (255 - a);
                rgb[j] = (byte)((rgba[i] * a + white + 127) / 255);
                rgb[j + 1] = (byte)((rgba[i + 1] * a + white + 127) / 255);
                rgb[j + 2] = (byte)((rgba[i + 2] * a + white + 127) / 255);
            }
        }
        return new RgbImage(width, height, rgb);
    }
}
