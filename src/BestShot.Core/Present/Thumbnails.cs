using BestShot.Core.Imaging;

namespace BestShot.Core.Present;

/// <summary>JPEG thumbnails for people to look at (contact sheet, gallery): the photo's long side scaled to `side`.</summary>
public static class Thumbnails
{
    public const int DefaultSide = 360;

    /// <summary>The thumbnail's JPEG bytes; null when the photo cannot be decoded.</summary>
    public static byte[]? Jpeg(string path, int side = DefaultSide)
    {
        try
        {
            // The decoder may scale down while decoding, but never below `side` on the short side.
            var img = ImageDecoder.Decode(path, new DecodeOptions { MinShortSide = side });
            double f = Math.Min(1.0, (double)side / Math.Max(img.Width, img.Height));
            var small = f < 1 ? LanczosResizer.Resize(img, Math.Max(1, (int)(img.Width * f)), Math.Max(1, (int)(img.Height * f))) : img;
            return ImageEncoder.Encode(small, SkiaSharp.SKEncodedImageFormat.Jpeg, 82);
        }
        catch (ImageDecodeException)
        {
            return null;
        }
    }

    /// <summary>Thumbnails of many photos, made on every core.</summary>
    public static byte[]?[] Jpegs(IReadOnlyList<string> paths, int side = DefaultSide)
    {
        var thumbs = new byte[]?[paths.Count];
        Parallel.For(0, paths.Count, i => thumbs[i] = Jpeg(paths[i], side));
        return thumbs;
    }
}
